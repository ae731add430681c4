"""The Settings dialog and its pages (privacy, appearance, prompts, country or region,
passphrase, backups) and the recovery-code dialog."""
