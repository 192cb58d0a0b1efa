-- Not reversible in place: pending and rejected accounts have no status to go back to.
DROP TABLE applications;
