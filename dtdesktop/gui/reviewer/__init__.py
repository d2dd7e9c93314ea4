"""The reviewer's window: the inbox of submissions received, one submission, the area, trust and criteria."""
