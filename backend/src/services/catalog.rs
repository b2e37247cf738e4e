//! The service catalog: read from the data files, written to the database at
//! start (idempotently), and held in memory as a snapshot for the catalog
//! endpoints. Adding a service, a provider or a region is a data change in
//! `backend/data/catalog/`, never a code change.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, TransactionTrait};
use serde::{Deserialize, Serialize};
use shared::catalog::{
    CatalogFacets, CatalogQuery, CategoryDto, ChecklistItem, DocumentSpec, Eligibility, FieldSpec,
    PricedRequestType, ProviderDto, RegionDto, RequestTypeSpec, ServiceDetail, ServiceSummary,
};
use shared::{Text, catalog::Channel};

use crate::db::Db;
use crate::db::entities::{categories, mrp_rates, providers, regions, service_providers, services};
use crate::error::{AppError, AppResult};

/// A service as its data file describes it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ServiceDef {
    pub code: String,
    pub category: String,
    pub name: Text,
    pub summary: Text,
    pub description: Text,
    pub legal_basis: Text,
    pub result: Text,
    pub eligibility: Eligibility,
    pub channels: Vec<Channel>,
    pub request_types: Vec<RequestTypeSpec>,
    pub providers: Vec<String>,
    #[serde(default)]
    pub documents: Vec<DocumentSpec>,
    #[serde(default)]
    pub fields: Vec<FieldSpec>,
    #[serde(default)]
    pub checklist: Vec<ChecklistItem>,
}

/// The whole catalog as the data folder holds it.
#[derive(Debug, Clone)]
pub struct CatalogData {
    pub categories: Vec<CategoryDto>,
    pub regions: Vec<RegionDto>,
    pub providers: Vec<ProviderDto>,
    pub services: Vec<ServiceDef>,
    pub mrp: BTreeMap<i32, u32>,
}

#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot parse {path}: {source}")]
    Parse {
        path: String,
        source: serde_json::Error,
    },
    #[error("catalog data is inconsistent: {0}")]
    Invalid(String),
}

fn read_json<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<T, CatalogError> {
    let raw = std::fs::read_to_string(path).map_err(|source| CatalogError::Read {
        path: path.display().to_string(),
        source,
    })?;
    serde_json::from_str(&raw).map_err(|source| CatalogError::Parse {
        path: path.display().to_string(),
        source,
    })
}

impl CatalogData {
    /// Reads `categories.json`, `regions.json`, `providers.json`, `mrp.json`
    /// and every `services/*.json`, and checks that they fit together.
    pub fn load(dir: &Path) -> Result<CatalogData, CatalogError> {
        let mrp: BTreeMap<String, u32> = read_json(&dir.join("mrp.json"))?;
        let mrp = mrp
            .into_iter()
            .map(|(year, tenge)| {
                year.parse::<i32>()
                    .map(|y| (y, tenge))
                    .map_err(|_| CatalogError::Invalid(format!("mrp.json: `{year}` is not a year")))
            })
            .collect::<Result<_, _>>()?;
        let services_dir = dir.join("services");
        let mut files: Vec<_> = std::fs::read_dir(&services_dir)
            .map_err(|source| CatalogError::Read {
                path: services_dir.display().to_string(),
                source,
            })?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        let services = files
            .iter()
            .map(|p| read_json(p))
            .collect::<Result<Vec<ServiceDef>, _>>()?;
        let data = CatalogData {
            categories: read_json(&dir.join("categories.json"))?,
            regions: read_json(&dir.join("regions.json"))?,
            providers: read_json(&dir.join("providers.json"))?,
            services,
            mrp,
        };
        data.check()?;
        Ok(data)
    }

    /// Every reference resolves, every code is unique, every text exists in
    /// all three languages.
    pub fn check(&self) -> Result<(), CatalogError> {
        let mut problems = Vec::new();
        let mut texts: Vec<(String, &Text)> = Vec::new();
        let unique = |what: &str, codes: Vec<&str>, problems: &mut Vec<String>| {
            let mut seen = HashSet::new();
            for c in codes {
                if c.trim().is_empty() {
                    problems.push(format!("an empty {what} code"));
                }
                if !seen.insert(c) {
                    problems.push(format!("{what} `{c}` appears twice"));
                }
            }
        };
        unique(
            "category",
            self.categories.iter().map(|c| c.code.as_str()).collect(),
            &mut problems,
        );
        unique(
            "region",
            self.regions.iter().map(|c| c.code.as_str()).collect(),
            &mut problems,
        );
        unique(
            "provider",
            self.providers.iter().map(|c| c.code.as_str()).collect(),
            &mut problems,
        );
        unique(
            "service",
            self.services.iter().map(|c| c.code.as_str()).collect(),
            &mut problems,
        );
        for c in &self.categories {
            texts.push((format!("category {}", c.code), &c.name));
        }
        for r in &self.regions {
            texts.push((format!("region {}", r.code), &r.name));
        }
        for p in &self.providers {
            if !self.regions.iter().any(|r| r.code == p.region) {
                problems.push(format!(
                    "provider {} names unknown region {}",
                    p.code, p.region
                ));
            }
            for (what, t) in [
                ("name", &p.name),
                ("district", &p.district),
                ("address", &p.address),
                ("hours", &p.hours),
            ] {
                texts.push((format!("provider {} {what}", p.code), t));
            }
        }
        for s in &self.services {
            let at = |what: &str| format!("service {} {what}", s.code);
            if !self.categories.iter().any(|c| c.code == s.category) {
                problems.push(format!("{} names unknown category {}", at(""), s.category));
            }
            if s.providers.is_empty() {
                problems.push(at("has no provider"));
            }
            for p in &s.providers {
                if !self.providers.iter().any(|x| &x.code == p) {
                    problems.push(format!("{} names unknown provider {p}", at("")));
                }
            }
            if s.request_types.is_empty() {
                problems.push(at("has no request type"));
            }
            unique(
                &at("request type"),
                s.request_types.iter().map(|r| r.kind.code()).collect(),
                &mut problems,
            );
            unique(
                &at("field"),
                s.fields.iter().map(|f| f.key.as_str()).collect(),
                &mut problems,
            );
            unique(
                &at("document"),
                s.documents.iter().map(|d| d.code.as_str()).collect(),
                &mut problems,
            );
            unique(
                &at("checklist item"),
                s.checklist.iter().map(|d| d.code.as_str()).collect(),
                &mut problems,
            );
            for (what, t) in [
                ("name", &s.name),
                ("summary", &s.summary),
                ("description", &s.description),
                ("legal basis", &s.legal_basis),
                ("result", &s.result),
            ] {
                texts.push((at(what), t));
            }
            for f in &s.fields {
                texts.push((at(&format!("field {}", f.key)), &f.label));
                if let Some(h) = &f.hint {
                    texts.push((at(&format!("field {} hint", f.key)), h));
                }
                if let shared::catalog::FieldKind::Select { options } = &f.kind {
                    for o in options {
                        texts.push((at(&format!("field {} option {}", f.key, o.code)), &o.label));
                    }
                }
            }
            for d in &s.documents {
                texts.push((at(&format!("document {}", d.code)), &d.name));
            }
            for c in &s.checklist {
                texts.push((at(&format!("checklist {}", c.code)), &c.text));
            }
            for r in &s.request_types {
                if let Some(l) = &r.label {
                    texts.push((at(&format!("request type {}", r.kind.code())), l));
                }
            }
        }
        for (what, text) in texts {
            if !text.is_complete() {
                problems.push(format!("{what} lacks a language"));
            }
        }
        if self.mrp.is_empty() {
            problems.push("mrp.json has no year".into());
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(CatalogError::Invalid(problems.join("; ")))
        }
    }

    /// Writes the catalog to the database: inserts what is new, updates what
    /// changed. Running it twice changes nothing.
    pub async fn seed(&self, db: &Db) -> AppResult<()> {
        let to_json = |v: &Text| serde_json::to_value(v).map_err(AppError::internal);
        let txn = db.write.begin().await?;
        for r in &self.regions {
            regions::Entity::insert(regions::ActiveModel {
                code: sea_orm::Set(r.code.clone()),
                name: sea_orm::Set(to_json(&r.name)?),
            })
            .on_conflict(
                OnConflict::column(regions::Column::Code)
                    .update_column(regions::Column::Name)
                    .to_owned(),
            )
            .exec(&txn)
            .await?;
        }
        for (i, c) in self.categories.iter().enumerate() {
            categories::Entity::insert(categories::ActiveModel {
                code: sea_orm::Set(c.code.clone()),
                name: sea_orm::Set(to_json(&c.name)?),
                position: sea_orm::Set(position(i)),
            })
            .on_conflict(
                OnConflict::column(categories::Column::Code)
                    .update_columns([categories::Column::Name, categories::Column::Position])
                    .to_owned(),
            )
            .exec(&txn)
            .await?;
        }
        for (i, p) in self.providers.iter().enumerate() {
            providers::Entity::insert(providers::ActiveModel {
                code: sea_orm::Set(p.code.clone()),
                region_code: sea_orm::Set(p.region.clone()),
                name: sea_orm::Set(to_json(&p.name)?),
                district: sea_orm::Set(to_json(&p.district)?),
                address: sea_orm::Set(to_json(&p.address)?),
                phone: sea_orm::Set(p.phone.clone()),
                hours: sea_orm::Set(to_json(&p.hours)?),
                capacity: sea_orm::Set(p.capacity.map(|c| i32::try_from(c).unwrap_or(i32::MAX))),
                position: sea_orm::Set(position(i)),
            })
            .on_conflict(
                OnConflict::column(providers::Column::Code)
                    .update_columns([
                        providers::Column::RegionCode,
                        providers::Column::Name,
                        providers::Column::District,
                        providers::Column::Address,
                        providers::Column::Phone,
                        providers::Column::Hours,
                        providers::Column::Capacity,
                        providers::Column::Position,
                    ])
                    .to_owned(),
            )
            .exec(&txn)
            .await?;
        }
        for (i, s) in self.services.iter().enumerate() {
            services::Entity::insert(services::ActiveModel {
                code: sea_orm::Set(s.code.clone()),
                category_code: sea_orm::Set(s.category.clone()),
                eligibility: sea_orm::Set(eligibility_code(s.eligibility).to_owned()),
                definition: sea_orm::Set(serde_json::to_value(s).map_err(AppError::internal)?),
                position: sea_orm::Set(position(i)),
            })
            .on_conflict(
                OnConflict::column(services::Column::Code)
                    .update_columns([
                        services::Column::CategoryCode,
                        services::Column::Eligibility,
                        services::Column::Definition,
                        services::Column::Position,
                    ])
                    .to_owned(),
            )
            .exec(&txn)
            .await?;
            // A provider removed from the data stops providing the service.
            service_providers::Entity::delete_many()
                .filter(service_providers::Column::ServiceCode.eq(s.code.as_str()))
                .filter(
                    service_providers::Column::ProviderCode
                        .is_not_in(s.providers.iter().map(String::as_str)),
                )
                .exec(&txn)
                .await?;
            for p in &s.providers {
                service_providers::Entity::insert(service_providers::ActiveModel {
                    service_code: sea_orm::Set(s.code.clone()),
                    provider_code: sea_orm::Set(p.clone()),
                })
                .on_conflict(
                    OnConflict::columns([
                        service_providers::Column::ServiceCode,
                        service_providers::Column::ProviderCode,
                    ])
                    .do_nothing()
                    .to_owned(),
                )
                .do_nothing()
                .exec(&txn)
                .await?;
            }
        }
        for (year, tenge) in &self.mrp {
            mrp_rates::Entity::insert(mrp_rates::ActiveModel {
                year: sea_orm::Set(*year),
                tenge: sea_orm::Set(i32::try_from(*tenge).unwrap_or(i32::MAX)),
            })
            .on_conflict(
                OnConflict::column(mrp_rates::Column::Year)
                    .update_column(mrp_rates::Column::Tenge)
                    .to_owned(),
            )
            .exec(&txn)
            .await?;
        }
        txn.commit().await?;
        Ok(())
    }
}

fn position(i: usize) -> i32 {
    i32::try_from(i).unwrap_or(i32::MAX)
}

fn eligibility_code(e: Eligibility) -> &'static str {
    match e {
        Eligibility::IinOnly => "iin_only",
        Eligibility::BinOnly => "bin_only",
        Eligibility::IinOrBin => "iin_or_bin",
    }
}

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

    fn provider(&self, code: &str) -> Option<&ProviderDto> {
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
            })
            .collect()
    }

    /// The name of the service `code`.
    pub fn service_name(&self, code: &str) -> Option<&Text> {
        self.services
            .iter()
            .find(|s| s.code == code)
            .map(|s| &s.name)
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
            channels: s.channels.clone(),
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
            providers: s
                .providers
                .iter()
                .filter_map(|c| self.provider(c).cloned())
                .collect(),
        })
    }
}
