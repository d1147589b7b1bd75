"""One public function per user action, each one transaction."""
