"""Near-duplicate detection with MinHash signatures and LSH banding (``datasketch`` computes the signatures).

A signature is computed over word 3-shingles of the lower-cased text (character 5-shingles for languages written
without spaces). The store persists the signature and its band keys; a new document is a near-duplicate of a
stored one in the same language when they share a band key and their estimated Jaccard similarity reaches
``THRESHOLD``. Banding (16 bands of 8 rows) makes pairs above ~0.7 Jaccard very likely to share a band, so the
candidate query stays an indexed lookup instead of a scan over every signature.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import numpy as np

NUM_PERM = 128
BANDS = 16
ROWS = NUM_PERM // BANDS
THRESHOLD = 0.8
SEED = 1
WORD_SHINGLE = 3
CHAR_SHINGLE = 5
#: languages written without spaces between words: shingle characters instead of words
UNSPACED_LANGUAGES = frozenset({"ja", "zh"})

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Signature:
    language: str | None
    hashvalues: np.ndarray  # NUM_PERM unsigned 64-bit values

    def to_bytes(self) -> bytes:
        return self.hashvalues.astype("<u8").tobytes()

    @classmethod
    def from_bytes(cls, language: str | None, data: bytes) -> Signature:
        return cls(language, np.frombuffer(data, dtype="<u8").astype(np.uint64))

    def bands(self) -> list[str]:
        """One bucket key per band: a short hash of the band's rows."""
        keys = []
        for band in range(BANDS):
            chunk = self.hashvalues[band * ROWS : (band + 1) * ROWS].astype("<u8").tobytes()
            keys.append(hashlib.blake2b(chunk, digest_size=8).hexdigest())
        return keys

    def similarity(self, other: Signature) -> float:
        """Estimated Jaccard similarity of the two shingle sets."""
        return float(np.count_nonzero(self.hashvalues == other.hashvalues)) / len(self.hashvalues)


def shingles(text: str, language: str | None) -> set[str]:
    normalised = text.lower()
    if language in UNSPACED_LANGUAGES:
        compact = "".join(normalised.split())
        n = CHAR_SHINGLE
        return {compact[i : i + n] for i in range(max(1, len(compact) - n + 1))}
    words = _WORD.findall(normalised)
    n = WORD_SHINGLE
    return {" ".join(words[i : i + n]) for i in range(max(1, len(words) - n + 1))}


def signature(text: str, language: str | None) -> Signature:
    # imported here: datasketch pulls in scipy (over a second), which commands that store nothing should not pay
    from datasketch import MinHash

    minhash = MinHash(num_perm=NUM_PERM, seed=SEED)
    minhash.update_batch([s.encode("utf-8") for s in sorted(shingles(text, language))])
    return Signature(language, np.asarray(minhash.hashvalues, dtype=np.uint64))
