"""The questionnaire data files (YAML); see README.md here and `marsad.rai.registry`."""
