"""A reviewer's decision on a submission, as one signed file: built on the reviewer's side (a notice in the
administrative layout with the decision embedded), verified and applied on the commune's side (the returned
criteria reopened with their comments, or the assessment locked by an approval)."""
