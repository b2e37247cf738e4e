//! The catalog as served: read from the database once at start and held
//! in memory as a snapshot for the catalog endpoints.

use std::collections::BTreeMap;

use sea_orm::{EntityTrait, QueryOrder};
use shared::Text;
use shared::catalog::{
    CatalogFacets, CatalogQuery, CategoryDto, PricedRequestType, ProviderDto, RegionDto,
    ServiceDetail, ServiceSummary, TypeLabel,
};

use super::data::{Issues, ServiceDef};
use crate::db::Db;
use crate::db::entities::categories;
use crate::db::entities::mrp_rates;
use crate::db::entities::providers;
use crate::db::entities::regions;
use crate::db::entities::service_providers;
use crate::db::entities::services;
use crate::error::{AppError, AppResult};

/// The catalog as served: read from the database once at start.
#[derive(Debug, Clone)]
pub struct Catalog {
    facets: CatalogFacets,
    services: Vec<ServiceDef>,
    mrp: BTreeMap<i32, u32>,
}

impl Catalog {
    pub async fn read(db: &Db) -> AppResult<Catalog> {
        let text =
            |v: serde_json::Value| serde_json::from_value::<Text>(v).map_err(AppError::internal);
        let categories = categories::Entity::find()
            .order_by_asc(categories::Column::Position)
            .all(&db.read)
            .await?
            .into_iter()
            .map(|c| {
                Ok(CategoryDto {
                    code: c.code,
                    name: text(c.name)?,
                })
            })
            .collect::<AppResult<Vec<_>>>()?;
        let regions = regions::Entity::find()
            .order_by_asc(regions::Column::Code)
            .all(&db.read)
            .await?
            .into_iter()
            .map(|r| {
                Ok(RegionDto {
                    code: r.code,
                    name: text(r.name)?,
                })
            })
            .collect::<AppResult<Vec<_>>>()?;
        let providers = providers::Entity::find()
            .order_by_asc(providers::Column::Position)
            .all(&db.read)
            .await?
            .into_iter()
            .map(|p| {
                Ok(ProviderDto {
                    code: p.code,
                    name: text(p.name)?,
                    region: p.region_code,
                    district: text(p.district)?,
                    address: text(p.address)?,
                    phone: p.phone,
                    hours: text(p.hours)?,
                    capacity: p.capacity.and_then(|c| u32::try_from(c).ok()),
                })
            })
            .collect::<AppResult<Vec<_>>>()?;
        let links = service_providers::Entity::find().all(&db.read).await?;
        let services = services::Entity::find()
            .order_by_asc(services::Column::Position)
            .all(&db.read)
            .await?
            .into_iter()
            .map(|s| {
                let mut def: ServiceDef =
                    serde_json::from_value(s.definition).map_err(AppError::internal)?;
                // The link table is the truth for who provides what.
                let mut linked: Vec<String> = links
                    .iter()
                    .filter(|l| l.service_code == def.code)
                    .map(|l| l.provider_code.clone())
                    .collect();
                linked.sort_by_key(|code| providers.iter().position(|p| &p.code == code));
                def.providers = linked;
                Ok(def)
            })
            .collect::<AppResult<Vec<_>>>()?;
        let mrp = mrp_rates::Entity::find()
            .all(&db.read)
            .await?
            .into_iter()
            .map(|r| (r.year, u32::try_from(r.tenge).unwrap_or_default()))
            .collect();
        Ok(Catalog {
            facets: CatalogFacets {
                categories,
                providers,
                regions,
            },
            services,
            mrp,
        })
    }

    pub fn facets(&self) -> &CatalogFacets {
        &self.facets
    }

    pub fn provider(&self, code: &str) -> Option<&ProviderDto> {
        self.facets.providers.iter().find(|p| p.code == code)
    }

    fn regions_of(&self, s: &ServiceDef) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for p in s.providers.iter().filter_map(|c| self.provider(c)) {
            if !out.contains(&p.region) {
                out.push(p.region.clone());
            }
        }
        out
    }

    /// The codes of the services offered, in catalog order.
    /// What an approval of the service `code` makes.
    pub fn issues(&self, code: &str) -> Issues {
        self.services
            .iter()
            .find(|s| s.code == code)
            .map_or(Issues::License, |s| s.issues)
    }

    /// The service whose approval attaches the applicant to a clinic.
    pub fn attachment_service(&self) -> Option<&str> {
        self.services
            .iter()
            .find(|s| s.issues == Issues::ClinicAttachment)
            .map(|s| s.code.as_str())
    }

    pub fn codes(&self) -> impl Iterator<Item = &str> {
        self.services.iter().map(|s| s.code.as_str())
    }

    /// The services that match every given filter and contain every search
    /// word in some language.
    pub fn search(&self, q: &CatalogQuery) -> Vec<ServiceSummary> {
        let words = q.words();
        self.services
            .iter()
            .filter(|s| {
                q.category
                    .as_deref()
                    .is_none_or(|c| c.is_empty() || s.category == c)
            })
            .filter(|s| {
                q.provider
                    .as_deref()
                    .is_none_or(|p| p.is_empty() || s.providers.iter().any(|x| x == p))
            })
            .filter(|s| {
                q.region
                    .as_deref()
                    .is_none_or(|r| r.is_empty() || self.regions_of(s).iter().any(|x| x == r))
            })
            .filter(|s| {
                words.iter().all(|w| {
                    [&s.name, &s.summary, &s.description]
                        .iter()
                        .any(|t| t.contains_folded(w))
                        || s.providers
                            .iter()
                            .filter_map(|c| self.provider(c))
                            .any(|p| p.name.contains_folded(w))
                })
            })
            .map(|s| ServiceSummary {
                code: s.code.clone(),
                category: s.category.clone(),
                name: s.name.clone(),
                summary: s.summary.clone(),
                eligibility: s.eligibility,
                free: s.request_types.iter().all(|r| r.fee_mrp.is_free()),
                channels: s.channels.clone(),
                providers: s.providers.clone(),
                regions: self.regions_of(s),
                type_labels: s
                    .request_types
                    .iter()
                    .filter_map(|r| {
                        r.label.clone().map(|label| TypeLabel {
                            kind: r.kind,
                            label,
                        })
                    })
                    .collect(),
            })
            .collect()
    }

    /// The service `code` as the data defines it.
    pub fn def(&self, code: &str) -> Option<&ServiceDef> {
        self.services.iter().find(|s| s.code == code)
    }

    /// The name of the service `code`.
    pub fn service_name(&self, code: &str) -> Option<&Text> {
        self.def(code).map(|s| &s.name)
    }

    /// The МРП for `year`, or the latest known before it.
    pub fn mrp_for(&self, year: i32) -> Option<(i32, u32)> {
        self.mrp
            .range(..=year)
            .next_back()
            .map(|(y, t)| (*y, *t))
            .or_else(|| self.mrp.iter().next().map(|(y, t)| (*y, *t)))
    }

    /// The passport of one service, fees worked out for `year`.
    pub fn detail(&self, code: &str, year: i32) -> Option<ServiceDetail> {
        let s = self.services.iter().find(|s| s.code == code)?;
        let (mrp_year, mrp_tenge) = self.mrp_for(year)?;
        Some(ServiceDetail {
            code: s.code.clone(),
            category: s.category.clone(),
            name: s.name.clone(),
            summary: s.summary.clone(),
            description: s.description.clone(),
            legal_basis: s.legal_basis.clone(),
            result: s.result.clone(),
            eligibility: s.eligibility,
            automation: s.automation,
            service_kind: s.service_kind,
            channels: s.channels.clone(),
            desk_signs: s.desk_signs.clone(),
            request_types: s
                .request_types
                .iter()
                .map(|r| PricedRequestType {
                    spec: r.clone(),
                    fee: r.fee_mrp.amount(mrp_tenge),
                })
                .collect(),
            mrp_year,
            mrp_tenge,
            documents: s.documents.clone(),
            fields: s.fields.clone(),
            checklist: s.checklist.clone(),
            survey: s.survey.clone(),
            providers: s
                .providers
                .iter()
                .filter_map(|c| self.provider(c).cloned())
                .collect(),
        })
    }
}
