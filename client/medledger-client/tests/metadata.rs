//! The client is typed from `artifacts/medledger.scale`: this test fails when that file differs
//! from the metadata of the runtime in this checkout, so a runtime change cannot leave the client
//! behind unnoticed. To bring the file up to date after changing the runtime:
//!
//! ```sh
//! MEDLEDGER_BLESS_METADATA=1 cargo test -p medledger-client --test metadata
//! ```

const ARTIFACT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/artifacts/medledger.scale");

#[test]
fn committed_metadata_is_the_runtimes_own() {
	let own: Vec<u8> = medledger_runtime::Runtime::metadata_at_version(15)
		.expect("the runtime offers metadata V15")
		.to_vec();
	if std::env::var_os("MEDLEDGER_BLESS_METADATA").is_some() {
		std::fs::write(ARTIFACT, &own).expect("the artifact is writable");
	}
	let committed = std::fs::read(ARTIFACT).expect("the metadata artifact is committed");
	assert!(
		committed == own,
		"{ARTIFACT} is not this runtime's metadata ({} bytes committed, {} now): run \
		 `MEDLEDGER_BLESS_METADATA=1 cargo test -p medledger-client --test metadata`, then rebuild \
		 and fix what the new types break",
		committed.len(),
		own.len()
	);
}
