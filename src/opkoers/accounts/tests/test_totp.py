"""TOTP against the test vectors of RFC 6238 appendix B, and the sealed secret box."""

import pytest

from opkoers.accounts.security import totp
from opkoers.accounts.security.secretbox import SecretBoxError, open_box, seal

SEED_SHA1 = b"12345678901234567890"
SEED_SHA256 = b"12345678901234567890123456789012"
SEED_SHA512 = b"1234567890123456789012345678901234567890123456789012345678901234"

VECTORS = [
    (59, "94287082", "46119246", "90693936"),
    (1111111109, "07081804", "68084774", "25091201"),
    (1111111111, "14050471", "67062674", "99943326"),
    (1234567890, "89005924", "91819424", "93441116"),
    (2000000000, "69279037", "90698825", "38618901"),
    (20000000000, "65353130", "77737706", "47863826"),
]


@pytest.mark.security
@pytest.mark.parametrize(("at", "sha1", "sha256", "sha512"), VECTORS)
def test_rfc6238_vectors(at, sha1, sha256, sha512):
    assert totp.totp(SEED_SHA1, at, digits=8) == sha1
    assert totp.totp(SEED_SHA256, at, digits=8, algorithm="sha256") == sha256
    assert totp.totp(SEED_SHA512, at, digits=8, algorithm="sha512") == sha512


@pytest.mark.security
def test_rfc4226_hotp_vectors():
    expected = ["755224", "287082", "359152", "969429", "338314"]
    assert [totp.hotp(SEED_SHA1, c) for c in range(5)] == expected


@pytest.mark.security
def test_matching_step_allows_one_step_drift_and_refuses_used_steps():
    secret = totp.generate_secret()
    key = totp.secret_bytes(secret)
    at = 1_700_000_000.0
    step = totp.time_step(at)
    assert totp.matching_step(secret, totp.hotp(key, step), at=at) == step
    assert totp.matching_step(secret, totp.hotp(key, step - 1), at=at) == step - 1
    assert totp.matching_step(secret, totp.hotp(key, step - 2), at=at) is None
    assert totp.matching_step(secret, totp.hotp(key, step), at=at, after_step=step) is None
    assert totp.matching_step(secret, "12a456", at=at) is None
    assert totp.matching_step(secret, "", at=at) is None


def test_secret_is_160_bits_of_base32_and_uri_names_the_issuer():
    secret = totp.generate_secret()
    assert len(totp.secret_bytes(secret)) == 20
    uri = totp.provisioning_uri(secret, account="mila", issuer="Op Koers")
    assert uri.startswith("otpauth://totp/Op%20Koers:mila?secret=" + secret)
    assert "issuer=Op+Koers" in uri and "period=30" in uri and "digits=6" in uri


@pytest.mark.security
def test_secret_box_round_trips_hides_the_secret_and_detects_tampering():
    secret = totp.generate_secret()
    sealed = seal(secret)
    assert secret not in sealed and open_box(sealed) == secret
    assert seal(secret) != sealed  # fresh nonce each time
    tampered = sealed[:-2] + ("A" if sealed[-2] != "A" else "B") + sealed[-1]
    with pytest.raises(SecretBoxError):
        open_box(tampered)


@pytest.mark.security
def test_secret_box_refuses_a_value_sealed_with_another_key(settings):
    sealed = seal("GEHEIM")
    settings.OPKOERS_MFA_KEY = "another-key"
    with pytest.raises(SecretBoxError):
        open_box(sealed)
