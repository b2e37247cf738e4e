//! The catalog written to the database at start: new rows inserted, changed
//! ones updated; running it twice changes nothing.

use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, TransactionTrait};
use shared::Text;
use shared::catalog::Eligibility;

use super::data::CatalogData;
use crate::db::Db;
use crate::db::entities::categories;
use crate::db::entities::mrp_rates;
use crate::db::entities::providers;
use crate::db::entities::regions;
use crate::db::entities::service_providers;
use crate::db::entities::services;
use crate::error::{AppError, AppResult};

impl CatalogData {
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

pub fn position(i: usize) -> i32 {
    i32::try_from(i).unwrap_or(i32::MAX)
}

pub fn eligibility_code(e: Eligibility) -> &'static str {
    match e {
        Eligibility::IinOnly => "iin_only",
        Eligibility::BinOnly => "bin_only",
        Eligibility::IinOrBin => "iin_or_bin",
    }
}
