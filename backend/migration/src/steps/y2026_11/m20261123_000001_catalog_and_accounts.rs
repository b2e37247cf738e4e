//! The catalog (regions, categories, providers, services, МРП rates) and
//! accounts with their refresh sessions.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Regions {
    Table,
    Code,
    Name,
}

#[derive(DeriveIden)]
enum Categories {
    Table,
    Code,
    Name,
    Position,
}

#[derive(DeriveIden)]
enum Providers {
    Table,
    Code,
    RegionCode,
    Name,
    District,
    Address,
    Phone,
    Hours,
    Capacity,
    Position,
}

#[derive(DeriveIden)]
enum Services {
    Table,
    Code,
    CategoryCode,
    Eligibility,
    Definition,
    Position,
}

#[derive(DeriveIden)]
enum ServiceProviders {
    Table,
    ServiceCode,
    ProviderCode,
}

#[derive(DeriveIden)]
enum MrpRates {
    Table,
    Year,
    Tenge,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Kind,
    IdNumber,
    Name,
    Phone,
    Email,
    Role,
    ProviderCode,
    PasswordHash,
    Disabled,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum RefreshTokens {
    Table,
    Id,
    UserId,
    Family,
    TokenHash,
    CreatedAt,
    ExpiresAt,
    UsedAt,
    RevokedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Regions::Table)
                .col(string(Regions::Code).primary_key())
                .col(json(Regions::Name))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Categories::Table)
                .col(string(Categories::Code).primary_key())
                .col(json(Categories::Name))
                .col(integer(Categories::Position))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Providers::Table)
                .col(string(Providers::Code).primary_key())
                .col(string(Providers::RegionCode))
                .col(json(Providers::Name))
                .col(json(Providers::District))
                .col(json(Providers::Address))
                .col(string(Providers::Phone))
                .col(json(Providers::Hours))
                .col(integer_null(Providers::Capacity))
                .col(integer(Providers::Position))
                .foreign_key(
                    ForeignKey::create()
                        .from(Providers::Table, Providers::RegionCode)
                        .to(Regions::Table, Regions::Code),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Services::Table)
                .col(string(Services::Code).primary_key())
                .col(string(Services::CategoryCode))
                .col(string(Services::Eligibility))
                .col(json(Services::Definition))
                .col(integer(Services::Position))
                .foreign_key(
                    ForeignKey::create()
                        .from(Services::Table, Services::CategoryCode)
                        .to(Categories::Table, Categories::Code),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ServiceProviders::Table)
                .col(string(ServiceProviders::ServiceCode))
                .col(string(ServiceProviders::ProviderCode))
                .primary_key(
                    Index::create()
                        .col(ServiceProviders::ServiceCode)
                        .col(ServiceProviders::ProviderCode),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ServiceProviders::Table, ServiceProviders::ServiceCode)
                        .to(Services::Table, Services::Code)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ServiceProviders::Table, ServiceProviders::ProviderCode)
                        .to(Providers::Table, Providers::Code),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(MrpRates::Table)
                .col(integer(MrpRates::Year).primary_key())
                .col(integer(MrpRates::Tenge))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Users::Table)
                .col(pk_auto(Users::Id))
                .col(string_len(Users::Kind, 16))
                .col(string_len_uniq(Users::IdNumber, 12))
                .col(string(Users::Name))
                .col(string_len(Users::Phone, 16))
                .col(string(Users::Email))
                .col(string_len(Users::Role, 16))
                .col(string_null(Users::ProviderCode))
                .col(string(Users::PasswordHash))
                .col(boolean(Users::Disabled).default(false))
                .col(timestamp_with_time_zone(Users::CreatedAt))
                .col(timestamp_with_time_zone(Users::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Users::Table, Users::ProviderCode)
                        .to(Providers::Table, Providers::Code),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(RefreshTokens::Table)
                .col(pk_auto(RefreshTokens::Id))
                .col(integer(RefreshTokens::UserId))
                .col(string_len(RefreshTokens::Family, 36))
                .col(string_len_uniq(RefreshTokens::TokenHash, 64))
                .col(timestamp_with_time_zone(RefreshTokens::CreatedAt))
                .col(timestamp_with_time_zone(RefreshTokens::ExpiresAt))
                .col(timestamp_with_time_zone_null(RefreshTokens::UsedAt))
                .col(timestamp_with_time_zone_null(RefreshTokens::RevokedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(RefreshTokens::Table, RefreshTokens::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_refresh_tokens_family")
                .table(RefreshTokens::Table)
                .col(RefreshTokens::Family)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_refresh_tokens_user")
                .table(RefreshTokens::Table)
                .col(RefreshTokens::UserId)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_users_role")
                .table(Users::Table)
                .col(Users::Role)
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            RefreshTokens::Table.into_iden(),
            Users::Table.into_iden(),
            MrpRates::Table.into_iden(),
            ServiceProviders::Table.into_iden(),
            Services::Table.into_iden(),
            Providers::Table.into_iden(),
            Categories::Table.into_iden(),
            Regions::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
