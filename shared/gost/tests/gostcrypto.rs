//! Cross-check against PyPI's `gostcrypto` (an implementation we did not
//! write; driven by `support/gostcrypto.rs`): its Streebog digests equal
//! ours, its signatures pass our verification, ours pass its, and it
//! verifies the national center's root self-signature with the curve we
//! map the national OID to.

#[path = "support/gostcrypto.rs"]
mod driver;

use driver::{gostcrypto, halves_reversed, hex, rev, unhex};
use gost::{Digest, Layout, ParamSet};
use rand::RngCore;
use x509_cert::der::{Decode, Encode};

#[test]
fn streebog_digests_agree() {
    for data in [&b""[..], b"abc", &[0x5a; 200][..]] {
        assert_eq!(
            gostcrypto(&["hash", "streebog512", &hex(data)]),
            hex(&Digest::Streebog512.digest(data))
        );
        assert_eq!(
            gostcrypto(&["hash", "streebog256", &hex(data)]),
            hex(&Digest::Streebog256.digest(data))
        );
    }
}

fn cross_check(set: ParamSet, name: &str, digest: Digest) {
    let n = set.size();
    let message = b"\xd0\x97\xd0\xb0\xd1\x8f\xd0\xb2\xd0\xba\xd0\xb0 (application) 2026";
    let mut d = vec![0u8; n];
    rand::rngs::OsRng.fill_bytes(&mut d);
    d[0] &= 0x7f; // below q for both curves
    let dig = digest.digest(message);

    // gostcrypto signs; we verify, in both layouts.
    let out = gostcrypto(&["sign", name, &hex(&d), &hex(&rev(&dig))]);
    let (public, sig) = out.split_once(' ').expect("two values");
    let (public, sig) = (unhex(public), unhex(sig));
    let key = halves_reversed(&public);
    assert_eq!(
        gost::public_key(set, &rev(&d)).expect("key"),
        key,
        "{name}: public keys agree"
    );
    let national = halves_reversed(&sig);
    let (r, s) = sig.split_at(n);
    let rfc = [s, r].concat();
    assert_eq!(
        gost::verify(set, &key, &dig, &national, Layout::National),
        Ok(()),
        "{name}"
    );
    assert_eq!(
        gost::verify(set, &key, &dig, &rfc, Layout::Rfc4491),
        Ok(()),
        "{name}"
    );
    let other = digest.digest(b"another document");
    assert_eq!(
        gost::verify(set, &key, &other, &national, Layout::National),
        Err(gost::Error::Mismatch)
    );

    // We sign; gostcrypto verifies, and refuses another digest.
    let ours = gost::sign(
        set,
        &rev(&d),
        &dig,
        Layout::National,
        &mut rand::rngs::OsRng,
    )
    .expect("sign");
    let ours_be = halves_reversed(&ours);
    assert_eq!(
        gostcrypto(&[
            "verify",
            name,
            &hex(&public),
            &hex(&rev(&dig)),
            &hex(&ours_be)
        ]),
        "True",
        "{name}"
    );
    assert_eq!(
        gostcrypto(&[
            "verify",
            name,
            &hex(&public),
            &hex(&rev(&other)),
            &hex(&ours_be)
        ]),
        "False",
        "{name}"
    );
    let ours_rfc =
        gost::sign(set, &rev(&d), &dig, Layout::Rfc4491, &mut rand::rngs::OsRng).expect("sign");
    let (s, r) = ours_rfc.split_at(n);
    assert_eq!(
        gostcrypto(&[
            "verify",
            name,
            &hex(&public),
            &hex(&rev(&dig)),
            &hex(&[r, s].concat())
        ]),
        "True"
    );
}

#[test]
fn gostcrypto_and_we_verify_each_others_512_bit_signatures() {
    cross_check(ParamSet::Tc26Gost512A, "512A", Digest::Streebog512);
}

#[test]
fn gostcrypto_and_we_verify_each_others_256_bit_signatures() {
    cross_check(ParamSet::CryptoProA, "CPA", Digest::Streebog256);
}

/// gostcrypto confirms our reading of the national 2015 root: TC26 512
/// paramSetA, Streebog-512, r ‖ s little-endian.
#[test]
fn gostcrypto_verifies_the_national_root_on_the_mapped_curve() {
    // The folder cargo names when it runs the test, not the one it was
    // built in: a build cache moved from another checkout stays usable.
    let crate_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| env!("CARGO_MANIFEST_DIR").into());
    let path =
        crate_dir.join("../../backend/tests/fixtures/nca-test-pki/ca/root_test_gost_2022.cer");
    let der = std::fs::read(&path).expect("root");
    let root = x509_cert::Certificate::from_der(&der).expect("certificate (DER)");
    let tbs = root.tbs_certificate.to_der().expect("tbs");
    let bits = root
        .tbs_certificate
        .subject_public_key_info
        .subject_public_key
        .raw_bytes();
    let key = x509_cert::der::asn1::OctetString::from_der(bits)
        .expect("key octets")
        .into_bytes();
    let value = root.signature.raw_bytes().to_vec();
    let dig = Digest::Streebog512.digest(&tbs);
    let be = |b: &[u8]| hex(&halves_reversed(b));
    assert_eq!(
        gostcrypto(&["verify", "512A", &be(&key), &hex(&rev(&dig)), &be(&value)]),
        "True"
    );
    assert_eq!(
        gost::verify(ParamSet::Tc26Gost512A, &key, &dig, &value, Layout::National),
        Ok(())
    );
}
