//! The desk (SPEC §5): a ЦОН operator or provider staff choose the service
//! and request type, enter the visitor's ИИН/БИН, see what the state
//! registry (ГБД ФЛ / ГБД ЮЛ) knows of them and start the request, which
//! then opens in the usual form (`page`, `start`; its parts `service_pick`,
//! `visitor` and `record`). Below, the requests entered at this desk
//! (`list`); for a ЦОН operator, the status of any request by its number and
//! ИИН/БИН (`status`); the results waiting to be handed over, by age, with
//! a reminder to their applicants (`uncollected`, seed 000 §17.6); and the
//! printable receipt of one of them (`receipt`).

mod list;
pub mod page;
pub mod receipt;
mod record;
mod service_pick;
mod start;
mod status;
mod uncollected;
mod visitor;
