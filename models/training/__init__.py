"""Training, export and scoring of the plate detector and recogniser (entry point: models/train.py)."""
