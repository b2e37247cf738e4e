//! E-mail to the applicant on each status change, through a stand-in SMTP
//! server on a loopback port that records what it is sent: the letter's
//! recipient, subject and body in both languages; retries after a
//! transient failure, none after a refusal; STARTTLS and TLS from the
//! first byte, with the password sent only inside; and a mail server that
//! never answers delays no request. And the password reset link. And the
//! letter through a real mail server (aiosmtpd), read back by Python's
//! `email` package. And the outbox: a letter committed with its change,
//! outliving the process that queued it, sent once by one of several.

mod decoding;
mod delivery;
mod letters;
mod outbox;
mod real_server;
mod recovery;
mod stand_in;
mod tls;
