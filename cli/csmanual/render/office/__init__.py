"""What the editable office editions share: the document plan (`plan`), rendered from the
theme's office/document.yaml.j2 and checked once for the DOCX and the HWPX writer."""
