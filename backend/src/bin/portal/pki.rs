//! `portal pki …`: the demo certification center's issuing, revoking and
//! publishing from the command line.

use crate::args::{Args, PkiCommand};

pub(crate) fn pki(args: &Args, command: &PkiCommand) -> Result<(), String> {
    use backend::demo::center::{Center, KeyKind};
    use backend::pki::ca::Holder;
    use backend::pki::cert::{HolderRole, KeyPurpose};
    let now = backend::clock::now_secs();
    let center =
        Center::open(&args.data_dir, &args.public_url, now).map_err(|e| format!("{e:?}"))?;
    match command {
        PkiCommand::Issue {
            iin,
            surname,
            given_name,
            bin,
            organization,
            role,
            purpose,
            key,
            password,
            out,
        } => {
            shared::Iin::parse(iin).map_err(|e| format!("--iin: {e:?}"))?;
            if let Some(bin) = bin {
                shared::Bin::parse(bin).map_err(|e| format!("--bin: {e:?}"))?;
            }
            let roles = match (role.as_str(), bin.is_some()) {
                ("individual", false) => vec![HolderRole::Individual],
                ("head", true) => vec![HolderRole::LegalEntity, HolderRole::Head],
                ("signing-right", true) => vec![HolderRole::LegalEntity, HolderRole::SigningRight],
                ("employee", true) => vec![HolderRole::LegalEntity, HolderRole::Employee],
                _ => {
                    return Err(format!(
                        "--role {role}: individual without --bin; head, signing-right or employee with --bin"
                    ));
                }
            };
            let purpose = match purpose.as_str() {
                "auth" => KeyPurpose::Authentication,
                "sign" => KeyPurpose::Signing,
                other => return Err(format!("--purpose {other}: auth or sign")),
            };
            let kind = match key.as_str() {
                "p256" => KeyKind::P256,
                "rsa" => KeyKind::Rsa2048,
                other => return Err(format!("--key {other}: p256 or rsa")),
            };
            let holder = Holder {
                iin: iin.clone(),
                surname: surname.clone(),
                given_name: given_name.clone(),
                bin: bin.clone(),
                organization: organization.clone(),
                roles,
            };
            let serial = center
                .issue(&holder, purpose, kind, password, out, now)
                .map_err(|e| format!("{e:?}"))?;
            println!("{serial}");
        }
        PkiCommand::Revoke { serial, hold } => {
            center
                .revoke(serial, *hold, now)
                .map_err(|e| format!("{e:?}"))?;
            println!(
                "{} {serial}; CRL published",
                if *hold { "suspended" } else { "revoked" }
            );
        }
        PkiCommand::Crl => {
            let path = center.publish_crl(now).map_err(|e| format!("{e:?}"))?;
            println!("{}", path.display());
        }
    }
    Ok(())
}
