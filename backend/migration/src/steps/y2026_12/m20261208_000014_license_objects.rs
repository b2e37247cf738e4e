//! The licensee's branches, representative offices and objects (points,
//! sites) that carry on the licensed activity, which the E-licensing
//! registry holds beside the license (seed 000 §1, item 2).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum LicenseObjects {
    Table,
    Id,
    LicenseId,
    Kind,
    Name,
    Address,
    Bin,
    OpenedAt,
    ClosedAt,
}

#[derive(DeriveIden)]
enum Licenses {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(LicenseObjects::Table)
                .col(pk_auto(LicenseObjects::Id))
                .col(integer(LicenseObjects::LicenseId))
                .col(string_len(LicenseObjects::Kind, 24))
                .col(text(LicenseObjects::Name))
                .col(text(LicenseObjects::Address))
                .col(string_len_null(LicenseObjects::Bin, 12))
                .col(timestamp_with_time_zone(LicenseObjects::OpenedAt))
                .col(timestamp_with_time_zone_null(LicenseObjects::ClosedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(LicenseObjects::Table, LicenseObjects::LicenseId)
                        .to(Licenses::Table, Licenses::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_license_objects_license")
                .table(LicenseObjects::Table)
                .col(LicenseObjects::LicenseId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(LicenseObjects::Table).to_owned())
            .await
    }
}
