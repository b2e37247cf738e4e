//! Fidelity to the regulations (`/work/shared/seeds/`, issue 27): each test
//! names the seed and the clause it follows.

mod automation;
mod calendar;
mod status;
mod survey;
