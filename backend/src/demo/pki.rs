//! The demo certification center's files in the data folder, made once:
//! `pki/private/` holds the CA keys (never served), `pki/public/` the CA
//! certificates and the CRL (served at `/pki/`), `pki/revocations.json` what
//! it has revoked, and `keystores/` one authentication and one signing
//! keystore per demo account (plus an RSA pair and a revoked key for the
//! demo citizen), all with the password in README.md. The `portal pki`
//! command issues, revokes and publishes through the same functions.

use std::path::{Path, PathBuf};

use shared::account::AccountKind;

use crate::config::Config;
use crate::demo::accounts::ACCOUNTS;
use crate::demo::center::{Center, KeyKind};
use crate::error::AppResult;
use crate::pki::ca::Holder;
use crate::pki::cert::{HolderRole, KeyPurpose};

/// The password of every demo keystore.
pub const KEYSTORE_PASSWORD: &str = crate::config::DEMO_KEYSTORE_PASSWORD;
/// The ИИН of the demo legal entity's head, who signs for it.
pub const COMPANY_HEAD_IIN: &str = "770707300002";

/// Where the demo keystores of `id_number` are.
pub fn keystore_path(data_dir: &Path, id_number: &str, purpose: KeyPurpose) -> PathBuf {
    let kind = if purpose == KeyPurpose::Authentication {
        "auth"
    } else {
        "sign"
    };
    data_dir
        .join("keystores")
        .join(format!("{id_number}-{kind}.p12"))
}

/// The demo holder of a demo account.
fn demo_holder(account: &crate::demo::accounts::DemoAccount) -> Holder {
    match account.kind {
        AccountKind::Individual => {
            let (surname, given) = account
                .name
                .split_once(' ')
                .unwrap_or((account.name, account.name));
            Holder {
                iin: account.id_number.to_owned(),
                surname: surname.to_owned(),
                given_name: given.split(' ').next().unwrap_or(given).to_owned(),
                roles: vec![HolderRole::Individual],
                ..Holder::default()
            }
        }
        AccountKind::LegalEntity => Holder {
            iin: COMPANY_HEAD_IIN.to_owned(),
            surname: "Нұрланов".to_owned(),
            given_name: "Арман".to_owned(),
            bin: Some(account.id_number.to_owned()),
            organization: Some(account.name.to_owned()),
            roles: vec![HolderRole::LegalEntity, HolderRole::Head],
        },
    }
}

/// The demo citizen's extra keystores: an RSA pair and a revoked
/// authentication key, in `keystores/`.
pub fn extra_keystore_path(data_dir: &Path, file: &str) -> PathBuf {
    data_dir.join("keystores").join(file)
}

/// Makes what is missing; publishes the CRL when it is older than a day.
pub fn seed(config: &Config, now: u64) -> AppResult<()> {
    let center = Center::open(&config.data_dir, &config.public_url, now)?;
    let mut revoked_new = None;
    for account in ACCOUNTS {
        let holder = demo_holder(account);
        for purpose in [KeyPurpose::Authentication, KeyPurpose::Signing] {
            let path = keystore_path(&config.data_dir, account.id_number, purpose);
            if !path.exists() {
                center.issue(
                    &holder,
                    purpose,
                    KeyKind::P256,
                    KEYSTORE_PASSWORD,
                    &path,
                    now,
                )?;
            }
        }
        if account.id_number == DEMO_CITIZEN_IIN {
            for (file, purpose) in [
                ("-auth-rsa.p12", KeyPurpose::Authentication),
                ("-sign-rsa.p12", KeyPurpose::Signing),
            ] {
                let path =
                    extra_keystore_path(&config.data_dir, &format!("{DEMO_CITIZEN_IIN}{file}"));
                if !path.exists() {
                    center.issue(
                        &holder,
                        purpose,
                        KeyKind::Rsa2048,
                        KEYSTORE_PASSWORD,
                        &path,
                        now,
                    )?;
                }
            }
            let path = extra_keystore_path(
                &config.data_dir,
                &format!("{DEMO_CITIZEN_IIN}-auth-revoked.p12"),
            );
            if !path.exists() {
                let serial = center.issue(
                    &holder,
                    KeyPurpose::Authentication,
                    KeyKind::P256,
                    KEYSTORE_PASSWORD,
                    &path,
                    now,
                )?;
                revoked_new = Some(serial);
            }
        }
    }
    for &(provider, bin, name) in crate::demo::accounts::SYSTEMS {
        let path = crate::services::eds::seals::path(&config.data_dir, provider);
        if !path.exists() {
            let (organization, system) = name.rsplit_once(" ақпараттық").unwrap_or((name, ""));
            let holder = Holder {
                iin: COMPANY_HEAD_IIN.to_owned(),
                surname: organization.to_owned(),
                given_name: format!("ақпараттық{system}"),
                bin: Some(bin.to_owned()),
                organization: Some(organization.to_owned()),
                roles: vec![HolderRole::LegalEntity, HolderRole::InformationSystem],
            };
            center.issue(
                &holder,
                KeyPurpose::Signing,
                KeyKind::P256,
                KEYSTORE_PASSWORD,
                &path,
                now,
            )?;
        }
    }
    if let Some(serial) = revoked_new {
        center.revoke(&serial, false, now)?;
    }
    if center.crl_older_than_a_day() {
        center.publish_crl(now)?;
    }
    Ok(())
}

/// The demo citizen, who also has RSA and revoked keystores.
pub const DEMO_CITIZEN_IIN: &str = "900101300007";
