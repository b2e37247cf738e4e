//! The catalog as the data folder holds it: read and checked (every code
//! unique, every reference known).

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use serde::{Deserialize, Serialize};
use shared::catalog::{
    Automation, CategoryDto, ChecklistItem, DocumentSpec, Eligibility, FieldSpec, ProviderDto,
    RegionDto, RequestTypeSpec, ServiceKind, SurveyForm,
};
use shared::{Text, catalog::Channel};

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
    pub automation: Automation,
    pub service_kind: ServiceKind,
    pub channels: Vec<Channel>,
    /// The desk channels whose desk signs (see `ServiceDetail::desk_signs`).
    pub desk_signs: Vec<Channel>,
    pub request_types: Vec<RequestTypeSpec>,
    pub providers: Vec<String>,
    #[serde(default)]
    pub documents: Vec<DocumentSpec>,
    #[serde(default)]
    pub fields: Vec<FieldSpec>,
    #[serde(default)]
    pub checklist: Vec<ChecklistItem>,
    /// The quality survey in the regulation's words.
    pub survey: SurveyForm,
    /// What an approval makes (a license unless the data says otherwise).
    #[serde(default)]
    pub issues: Issues,
}

/// What an approved request of a service makes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Issues {
    /// A license in the registry.
    #[default]
    License,
    /// The applicant's attachment to the chosen organization (one service
    /// at most: the clinics page shows its organizations).
    ClinicAttachment,
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

pub fn read_json<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<T, CatalogError> {
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
            for c in &s.desk_signs {
                if *c == Channel::Portal || !s.channels.contains(c) {
                    problems.push(format!(
                        "{} signs at `{}`, not a desk channel of it",
                        at(""),
                        c.code()
                    ));
                }
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
                ("survey title", &s.survey.title),
                ("survey process", &s.survey.process),
                ("survey information", &s.survey.information),
                ("survey not satisfied", &s.survey.not_satisfied),
                ("survey partially", &s.survey.partially),
                ("survey satisfied", &s.survey.satisfied),
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
        let attaching = self
            .services
            .iter()
            .filter(|s| s.issues == Issues::ClinicAttachment);
        if attaching.count() > 1 {
            problems.push("more than one service issues a clinic attachment".into());
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(CatalogError::Invalid(problems.join("; ")))
        }
    }
}
