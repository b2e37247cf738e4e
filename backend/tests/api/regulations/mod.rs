//! Fidelity to the regulations (the seeds 000–004, issue 27): each test
//! names the seed and the clause it follows.

mod automatic;
mod automation;
mod branches;
mod calendar;
mod hearing;
mod status;
mod survey;
