"""Python classes compiled from the Qt Designer forms in ui/ by scripts/compile-forms.sh; do not edit."""
