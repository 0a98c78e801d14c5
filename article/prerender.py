"Quarto's pre-render step: the abstract and commit into _generated.yml (metadata is read before any cell runs)."
from pathlib import Path
from emotion_paper.article import write_metadata
write_metadata(Path(__file__).parent/'_generated.yml')
