"""Scale-out: the Ray engine of ``wirescope ingest --engine ray`` and the Parquet output it can write.

Ray is optional (``pip install 'wirescope[ray]'``); nothing here imports it until a Ray run starts.
"""
