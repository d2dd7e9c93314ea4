"""The reviewer's side: the trust list, the gate's verdicts on received files, import into the store."""
