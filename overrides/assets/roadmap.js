// roadmap
