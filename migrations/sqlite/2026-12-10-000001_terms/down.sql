DROP TABLE terms_agreements;
DROP TABLE terms;
