//! The rest of the applicant's journey (SPEC §3 steps 3–8, §4, §7): the files
//! attached to a request, its payment on the licensing side, the payment
//! gateway's own record of card payments, licenses held (what re-issuance
//! and duplicates refer to), attachments to a primary health-care clinic,
//! in-app notifications and the quality survey; and on the request itself
//! the license it refers to, when it was signed and registered, its due
//! date and its signature.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Services {
    Table,
    Code,
}

#[derive(DeriveIden)]
enum Providers {
    Table,
    Code,
}

#[derive(DeriveIden)]
enum Requests {
    Table,
    Id,
    LicenseId,
    SubmittedAt,
    DueDate,
    SignatureId,
}

#[derive(DeriveIden)]
enum Files {
    Table,
    Id,
    RequestId,
    DocumentCode,
    FileName,
    MediaType,
    SizeBytes,
    Sha256,
    StorageKey,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Payments {
    Table,
    Id,
    RequestId,
    OrderId,
    AmountTiyn,
    Status,
    TransactionId,
    CardMask,
    CreatedAt,
    PaidAt,
}

#[derive(DeriveIden)]
enum GatewayTransactions {
    Table,
    Id,
    OrderId,
    AmountTiyn,
    Outcome,
    TransactionId,
    CardMask,
    CallbackUrl,
    ReturnUrl,
    CreatedAt,
    DeliveredAt,
    Attempts,
}

#[derive(DeriveIden)]
enum Licenses {
    Table,
    Id,
    Number,
    HolderUserId,
    ServiceCode,
    ProviderCode,
    RequestId,
    Status,
    IssuedOn,
    Details,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ClinicAttachments {
    Table,
    Id,
    UserId,
    ProviderCode,
    RequestId,
    Since,
    EndedAt,
}

#[derive(DeriveIden)]
enum Notifications {
    Table,
    Id,
    UserId,
    RequestId,
    Status,
    CreatedAt,
    ReadAt,
}

#[derive(DeriveIden)]
enum Surveys {
    Table,
    Id,
    RequestId,
    UserId,
    ProcessQuality,
    InformationQuality,
    Lang,
    AnsweredAt,
}

/// A foreign key from `from.col` to `to.to_col`.
fn fk(
    from: impl IntoIden + 'static,
    col: impl IntoIden + 'static,
    to: impl IntoIden + 'static,
    to_col: impl IntoIden + 'static,
    on_delete: Option<ForeignKeyAction>,
) -> ForeignKeyCreateStatement {
    let mut fk = ForeignKey::create();
    fk.from_tbl(from).from_col(col).to_tbl(to).to_col(to_col);
    if let Some(action) = on_delete {
        fk.on_delete(action);
    }
    fk
}

fn to_request(
    from: impl IntoIden + 'static,
    col: impl IntoIden + 'static,
) -> ForeignKeyCreateStatement {
    fk(
        from,
        col,
        Requests::Table,
        Requests::Id,
        Some(ForeignKeyAction::Cascade),
    )
}

fn to_user(
    from: impl IntoIden + 'static,
    col: impl IntoIden + 'static,
) -> ForeignKeyCreateStatement {
    fk(
        from,
        col,
        Users::Table,
        Users::Id,
        Some(ForeignKeyAction::Cascade),
    )
}

fn to_provider(
    from: impl IntoIden + 'static,
    col: impl IntoIden + 'static,
) -> ForeignKeyCreateStatement {
    fk(from, col, Providers::Table, Providers::Code, None)
}

async fn index(
    m: &SchemaManager<'_>,
    name: &str,
    table: impl IntoIden + 'static,
    cols: Vec<Alias>,
) -> Result<(), DbErr> {
    let mut stmt = Index::create();
    stmt.name(name).table(table);
    for c in cols {
        stmt.col(c);
    }
    m.create_index(stmt).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Licenses::Table)
                .col(pk_auto(Licenses::Id))
                .col(string_len(Licenses::Number, 40).unique_key())
                .col(integer(Licenses::HolderUserId))
                .col(string(Licenses::ServiceCode))
                .col(string_null(Licenses::ProviderCode))
                .col(integer_null(Licenses::RequestId))
                .col(string_len(Licenses::Status, 16))
                .col(string_len(Licenses::IssuedOn, 10))
                .col(text(Licenses::Details))
                .col(timestamp_with_time_zone(Licenses::CreatedAt))
                .foreign_key(&mut to_user(Licenses::Table, Licenses::HolderUserId))
                .foreign_key(
                    ForeignKey::create()
                        .from(Licenses::Table, Licenses::ServiceCode)
                        .to(Services::Table, Services::Code),
                )
                .foreign_key(&mut to_provider(Licenses::Table, Licenses::ProviderCode))
                .foreign_key(
                    ForeignKey::create()
                        .from(Licenses::Table, Licenses::RequestId)
                        .to(Requests::Table, Requests::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
        index(
            m,
            "idx_licenses_holder",
            Licenses::Table,
            vec![Alias::new("holder_user_id")],
        )
        .await?;

        // One column per statement: SQLite alters a table a column at a time.
        for col in [
            integer_null(Requests::LicenseId),
            timestamp_with_time_zone_null(Requests::SubmittedAt),
            string_len_null(Requests::DueDate, 10),
            integer_null(Requests::SignatureId),
        ] {
            let mut col = col;
            m.alter_table(
                Table::alter()
                    .table(Requests::Table)
                    .add_column(&mut col)
                    .to_owned(),
            )
            .await?;
        }

        m.create_table(
            Table::create()
                .table(Files::Table)
                .col(pk_auto(Files::Id))
                .col(integer(Files::RequestId))
                .col(string_len(Files::DocumentCode, 64))
                .col(string_len(Files::FileName, 255))
                .col(string_len(Files::MediaType, 32))
                .col(big_integer(Files::SizeBytes))
                .col(string_len(Files::Sha256, 64))
                .col(string_len(Files::StorageKey, 64).unique_key())
                .col(timestamp_with_time_zone(Files::CreatedAt))
                .foreign_key(&mut to_request(Files::Table, Files::RequestId))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "idx_files_request",
            Files::Table,
            vec![Alias::new("request_id")],
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Payments::Table)
                .col(pk_auto(Payments::Id))
                .col(integer(Payments::RequestId))
                .col(string_len(Payments::OrderId, 40).unique_key())
                .col(big_integer(Payments::AmountTiyn))
                .col(string_len(Payments::Status, 16))
                .col(string_len_null(Payments::TransactionId, 64).unique_key())
                .col(string_len_null(Payments::CardMask, 32))
                .col(timestamp_with_time_zone(Payments::CreatedAt))
                .col(timestamp_with_time_zone_null(Payments::PaidAt))
                .foreign_key(&mut to_request(Payments::Table, Payments::RequestId))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "idx_payments_request",
            Payments::Table,
            vec![Alias::new("request_id")],
        )
        .await?;

        // The gateway's own books: no foreign key into the licensing side.
        m.create_table(
            Table::create()
                .table(GatewayTransactions::Table)
                .col(pk_auto(GatewayTransactions::Id))
                .col(string_len(GatewayTransactions::OrderId, 40))
                .col(big_integer(GatewayTransactions::AmountTiyn))
                .col(string_len(GatewayTransactions::Outcome, 24))
                .col(string_len(GatewayTransactions::TransactionId, 64).unique_key())
                .col(string_len(GatewayTransactions::CardMask, 32))
                .col(text(GatewayTransactions::CallbackUrl))
                .col(text(GatewayTransactions::ReturnUrl))
                .col(timestamp_with_time_zone(GatewayTransactions::CreatedAt))
                .col(timestamp_with_time_zone_null(
                    GatewayTransactions::DeliveredAt,
                ))
                .col(integer(GatewayTransactions::Attempts).default(0))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "idx_gateway_order",
            GatewayTransactions::Table,
            vec![Alias::new("order_id")],
        )
        .await?;

        m.create_table(
            Table::create()
                .table(ClinicAttachments::Table)
                .col(pk_auto(ClinicAttachments::Id))
                .col(integer(ClinicAttachments::UserId))
                .col(string(ClinicAttachments::ProviderCode))
                .col(integer_null(ClinicAttachments::RequestId))
                .col(timestamp_with_time_zone(ClinicAttachments::Since))
                .col(timestamp_with_time_zone_null(ClinicAttachments::EndedAt))
                .foreign_key(&mut to_user(
                    ClinicAttachments::Table,
                    ClinicAttachments::UserId,
                ))
                .foreign_key(&mut to_provider(
                    ClinicAttachments::Table,
                    ClinicAttachments::ProviderCode,
                ))
                .foreign_key(
                    ForeignKey::create()
                        .from(ClinicAttachments::Table, ClinicAttachments::RequestId)
                        .to(Requests::Table, Requests::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
        index(
            m,
            "idx_clinic_attachments_user",
            ClinicAttachments::Table,
            vec![Alias::new("user_id")],
        )
        .await?;
        index(
            m,
            "idx_clinic_attachments_provider",
            ClinicAttachments::Table,
            vec![Alias::new("provider_code")],
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Notifications::Table)
                .col(pk_auto(Notifications::Id))
                .col(integer(Notifications::UserId))
                .col(integer(Notifications::RequestId))
                .col(string_len(Notifications::Status, 24))
                .col(timestamp_with_time_zone(Notifications::CreatedAt))
                .col(timestamp_with_time_zone_null(Notifications::ReadAt))
                .foreign_key(&mut to_user(Notifications::Table, Notifications::UserId))
                .foreign_key(&mut to_request(
                    Notifications::Table,
                    Notifications::RequestId,
                ))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "idx_notifications_user",
            Notifications::Table,
            vec![Alias::new("user_id"), Alias::new("read_at")],
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Surveys::Table)
                .col(pk_auto(Surveys::Id))
                .col(integer(Surveys::RequestId).unique_key())
                .col(integer(Surveys::UserId))
                .col(string_len(Surveys::ProcessQuality, 16))
                .col(string_len(Surveys::InformationQuality, 16))
                .col(string_len(Surveys::Lang, 2))
                .col(timestamp_with_time_zone(Surveys::AnsweredAt))
                .foreign_key(&mut to_request(Surveys::Table, Surveys::RequestId))
                .foreign_key(&mut to_user(Surveys::Table, Surveys::UserId))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            Surveys::Table.into_iden(),
            Notifications::Table.into_iden(),
            ClinicAttachments::Table.into_iden(),
            GatewayTransactions::Table.into_iden(),
            Payments::Table.into_iden(),
            Files::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        for c in [
            Requests::SignatureId.into_iden(),
            Requests::DueDate.into_iden(),
            Requests::SubmittedAt.into_iden(),
            Requests::LicenseId.into_iden(),
        ] {
            m.alter_table(
                Table::alter()
                    .table(Requests::Table)
                    .drop_column(c)
                    .to_owned(),
            )
            .await?;
        }
        m.drop_table(Table::drop().table(Licenses::Table).to_owned())
            .await
    }
}
