//! The cryptography of one release, alone: the floor under the gateway's rate of authorised
//! fetches (`scripts/bench-gateway.sh` measures the whole). Each fetch verifies one sr25519
//! signature (the signed request) and seals one package (the record's key and ciphertext) to the
//! requester's key.
//!
//! `cargo bench --profile dev -p medledger-gateway --bench release` (the dev profile is
//! optimized: no second build of everything).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use medledger_client::{gateway::request_message, Keys};
use std::hint::black_box;

/// A package as a release seals it: a 32-byte key, the 24-byte nonce, and the ciphertext of a
/// lab result of about 800 bytes (the demo Observation's size).
fn package() -> Vec<u8> {
	vec![7u8; 32 + 24 + 800]
}

fn release(c: &mut Criterion) {
	let requester = Keys::from_uri("//Bob").unwrap();
	let custodian = Keys::from_uri("//Alice").unwrap().account_id();
	let path = "/v1/records/0?purpose=treatment";
	let message = request_message(
		&custodian,
		1_800_000_000_000,
		"00112233445566778899aabbccddeeff",
		"GET",
		path,
	);
	let signature = requester.account().sign(&message);
	let public = subxt_signer::sr25519::PublicKey(requester.account_id().0);
	let sealed_to = requester.encryption_public();
	let package = package();

	let mut group = c.benchmark_group("release");
	group.throughput(Throughput::Elements(1));
	group.bench_function("sr25519 verify of a signed request", |b| {
		b.iter(|| {
			assert!(subxt_signer::sr25519::verify(
				black_box(&signature),
				black_box(&message),
				&public
			))
		})
	});
	group.bench_function("seal 856 bytes to the requester", |b| {
		b.iter(|| medledger_client::seal(black_box(&sealed_to), black_box(&package)).unwrap())
	});
	group.bench_function("verify and seal (one fetch's cryptography)", |b| {
		b.iter(|| {
			assert!(subxt_signer::sr25519::verify(&signature, black_box(&message), &public));
			medledger_client::seal(&sealed_to, black_box(&package)).unwrap()
		})
	});
	// What a signed request costs the client: one signature (two round trips' worth of
	// signing is the same signature, over a challenge instead).
	group.bench_function("sr25519 sign of a request (the client's side)", |b| {
		b.iter(|| requester.account().sign(black_box(&message)))
	});
	group.finish();
}

criterion_group!(benches, release);
criterion_main!(benches);
