"""Sign and send: the check before signing, the signing in the background, then open, print, or show."""
