"""The family downloads the child's whole file: a readable PDF and a machine-readable JSON
(AVG art. 15 and 20). The content is `kring.privacy.dossier`; who may: `policy.Act.EXPORT_FILE`."""
