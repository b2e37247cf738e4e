//! A request after it was sent (SPEC §4): the applicant's ИИН/БИН, the
//! request number, the service, the status and the deadline, «Обновить
//! статус», every status change with its time and reason, the documents and
//! the payment (`view`); how a request entered at a desk came in (`desk`);
//! then the result and the quality survey once there is one (`result`).

mod answer;
mod desk;
mod result;
pub mod view;
