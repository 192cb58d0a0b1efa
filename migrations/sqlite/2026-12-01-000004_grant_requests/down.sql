DROP TABLE grant_requests;
