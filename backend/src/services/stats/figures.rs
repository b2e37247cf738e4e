//! The quality and timeliness indicators (SPEC §7): survey answers per
//! service and provider — "quality" (the first question) and
//! "accessibility" (the second) — and processing figures: decisions,
//! median working days from registration to decision, the share decided on
//! time, refusals by unmet requirement.

use std::collections::BTreeMap;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use shared::calendar::Date;
use shared::request::{RequestStatus, Satisfaction};
use shared::review::{ChecklistMark, DecisionStatus, GroupStats, RefusalReason, StatsDto, median};

use crate::app::App;
use crate::clock::kz_day;
use crate::db::entities::{decisions, requests, surveys};
use crate::db::stored;
use crate::error::AppResult;

#[derive(Default)]
struct Acc {
    quality: [u32; 3],
    accessibility: [u32; 3],
    decided: u32,
    approved: u32,
    refused: u32,
    on_time: u32,
    days: Vec<i32>,
    reasons: BTreeMap<String, u32>,
}

fn slot(s: &str) -> Option<usize> {
    Satisfaction::parse(s).map(|s| match s {
        Satisfaction::NotSatisfied => 0,
        Satisfaction::Partially => 1,
        Satisfaction::Satisfied => 2,
    })
}

/// Computes the indicators over every decided request and survey.
pub async fn compute(app: &App) -> AppResult<StatsDto> {
    let decided = requests::Entity::find()
        .filter(requests::Column::Status.is_in([
            RequestStatus::Approved.code(),
            RequestStatus::Refused.code(),
        ]))
        .all(&app.db.read)
        .await?;
    let mut groups: BTreeMap<(String, String), Acc> = BTreeMap::new();
    let key = |r: &requests::Model| {
        (
            r.service_code.clone(),
            r.provider_code.clone().unwrap_or_default(),
        )
    };
    for r in &decided {
        let acc = groups.entry(key(r)).or_default();
        acc.decided += 1;
        if r.status == RequestStatus::Approved.code() {
            acc.approved += 1;
        } else {
            acc.refused += 1;
        }
        if let (Some(sub), Some(dec)) = (&r.submitted_at, &r.decided_at) {
            let (from, to) = (kz_day(sub), kz_day(dec));
            acc.days
                .push(app.calendar.working_days_left(from, to).max(0));
            let due = r.due_date.as_deref().and_then(|d| Date::parse(d).ok());
            if due.is_some_and(|due| to <= due) {
                acc.on_time += 1;
            }
        }
    }
    let refusals = decisions::Entity::find()
        .filter(decisions::Column::Status.eq(stored::decision_status_code(DecisionStatus::Signed)))
        .filter(decisions::Column::Outcome.eq("refuse"))
        .find_also_related(requests::Entity)
        .all(&app.db.read)
        .await?;
    for (d, r) in refusals {
        let Some(r) = r else { continue };
        let marks: Vec<ChecklistMark> = stored::json("decisions.checklist", &d.checklist)?;
        let acc = groups.entry(key(&r)).or_default();
        for m in marks.into_iter().filter(|m| !m.met) {
            *acc.reasons.entry(m.code).or_default() += 1;
        }
    }
    let answered = surveys::Entity::find()
        .find_also_related(requests::Entity)
        .all(&app.db.read)
        .await?;
    for (s, r) in answered {
        let Some(r) = r else { continue };
        let acc = groups.entry(key(&r)).or_default();
        if let Some(i) = slot(&s.process_quality) {
            acc.quality[i] += 1;
        }
        if let Some(i) = slot(&s.information_quality) {
            acc.accessibility[i] += 1;
        }
    }
    Ok(StatsDto {
        groups: groups
            .into_iter()
            .map(|((service, provider), mut a)| {
                let mut reasons: Vec<RefusalReason> = a
                    .reasons
                    .into_iter()
                    .map(|(code, count)| RefusalReason {
                        name: app.catalog.name_of_requirement(&service, &code),
                        code,
                        count,
                    })
                    .collect();
                reasons.sort_by(|x, y| y.count.cmp(&x.count).then_with(|| x.code.cmp(&y.code)));
                GroupStats {
                    service_name: app.catalog.name_of_service(&service),
                    provider_name: app.catalog.name_of_provider(&provider),
                    service,
                    provider,
                    quality: a.quality,
                    accessibility: a.accessibility,
                    decided: a.decided,
                    approved: a.approved,
                    refused: a.refused,
                    on_time: a.on_time,
                    median_days: median(&mut a.days),
                    refusal_reasons: reasons,
                }
            })
            .collect(),
    })
}
