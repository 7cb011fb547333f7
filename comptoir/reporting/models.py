"""Records of the reporting area (saved pivot views, sales objectives, monthly reports)."""
