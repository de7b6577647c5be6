//! # MedLedger runtime
//!
//! The state transition function of MedLedger: Aura blocks and GRANDPA finality whose
//! authorities follow the provider registry at every session, balances and fees, the provider
//! council (a collective whose members are the active providers), and the provider registry.
//!
//! There is no sudo: anything that needs root is a motion of the council carried by two thirds
//! of its members, dispatched through `CouncilRoot` (see [`configs::governance`]).

#![cfg_attr(not(feature = "std"), no_std)]
#![recursion_limit = "256"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

// Declared before `apis` so that the benchmark macros it defines are in scope there.
#[cfg(feature = "runtime-benchmarks")]
#[macro_use]
mod benchmarks;
pub mod apis;
pub mod configs;
pub mod consent_extension;
pub mod feeless;
pub mod genesis_config_presets;

extern crate alloc;

use alloc::vec::Vec;

use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};
use sp_version::RuntimeVersion;

pub use frame_system::Call as SystemCall;
pub use pallet_balances::Call as BalancesCall;
pub use pallet_consent::Call as ConsentCall;
pub use pallet_patients::Call as PatientsCall;
pub use pallet_providers::Call as ProvidersCall;
pub use pallet_records::Call as RecordsCall;
#[cfg(any(feature = "std", test))]
pub use sp_runtime::BuildStorage;

/// Types the node needs without knowing the runtime's extrinsic format.
pub mod opaque {
	use super::*;
	use sp_runtime::traits::Hash as HashT;

	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block hash type.
	pub type Hash = <BlakeTwo256 as HashT>::Output;
}

impl_opaque_keys! {
	/// The keys a provider's validator node signs with: Aura for blocks, GRANDPA for finality.
	pub struct SessionKeys {
		pub aura: Aura,
		pub grandpa: Grandpa,
	}
}

#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("medledger"),
	impl_name: alloc::borrow::Cow::Borrowed("medledger-node"),
	authoring_version: 1,
	spec_version: 106,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 2,
	system_version: 1,
};

/// Block times and the session length derived from them.
mod block_times {
	/// Milliseconds between blocks: an Aura slot.
	pub const MILLI_SECS_PER_BLOCK: u64 = 6000;
	/// The Aura slot duration.
	pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;
}
pub use block_times::*;

/// Blocks in a minute.
pub const MINUTES: BlockNumber = 60_000 / (MILLI_SECS_PER_BLOCK as BlockNumber);
/// Blocks in an hour.
pub const HOURS: BlockNumber = MINUTES * 60;
/// Blocks in a day.
pub const DAYS: BlockNumber = HOURS * 24;

/// Blocks in a session: the validator set follows the provider registry at this pace. A minute
/// is short on purpose: a clinic admitted by the council authors within two sessions, and a
/// suspended one stops within two (see `docs/authority-rotation.md`).
pub const SESSION_LENGTH: BlockNumber = MINUTES;

/// How many block hashes `frame_system` keeps.
pub const BLOCK_HASH_COUNT: BlockNumber = 2400;

/// One MED, the chain's fee and deposit currency ([`medledger_primitives::token`]).
pub const UNIT: Balance = medledger_primitives::token::UNIT;
/// A thousandth of a MED.
pub const MILLI_UNIT: Balance = medledger_primitives::token::MILLI_UNIT;
/// A millionth of a MED.
pub const MICRO_UNIT: Balance = MILLI_UNIT / 1_000;

/// The least balance an account may hold.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;

/// Signatures of transactions: sr25519, ed25519 or ecdsa.
pub type Signature = MultiSignature;
/// An account: the public key of its signer.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// Balances of accounts.
pub type Balance = u128;
/// Transaction counters.
pub type Nonce = u32;
/// Block and state hashes.
pub type Hash = sp_core::H256;
/// Block heights.
pub type BlockNumber = u32;
/// How transactions address accounts.
pub type Address = MultiAddress<AccountId, ()>;
/// Block header type.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// Block type.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
/// A block with its justifications.
pub type SignedBlock = generic::SignedBlock<Block>;

/// The checks every transaction passes before dispatch.
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	// Patients and their representatives manage consent without fees (within a rate limit);
	// the payment's weight is refunded when it is skipped (`feeless.rs`).
	feeless::SkipPaymentIfFeeless<
		Runtime,
		pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	>,
	// Counts each consent call against the feeless allowance before dispatch, where a failing
	// call cannot undo it, and turns away in the pool consent calls that would surely fail.
	pallet_consent::CheckConsentCall<Runtime>,
	frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

/// Transactions as they are signed and submitted.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;

/// The payload a transaction's signer signs.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Storage migrations run on the next runtime upgrade; each is versioned and runs once.
type Migrations = (
	pallet_records::migrations::v1::MigrateV0ToV1<Runtime>,
	pallet_consent::migrations::v1::MigrateV0ToV1<Runtime>,
	pallet_consent::migrations::v2::MigrateV1ToV2<Runtime>,
);

/// Dispatches blocks and transactions to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;

	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;

	#[runtime::pallet_index(2)]
	pub type Balances = pallet_balances;

	#[runtime::pallet_index(3)]
	pub type TransactionPayment = pallet_transaction_payment;

	// Index 4 held `pallet-skip-feeless-payment` until its extension was replaced by
	// `feeless::SkipPaymentIfFeeless`, which needs no pallet.

	// The registry comes before the council and the session: its genesis seats the first
	// council and names the first validators.
	#[runtime::pallet_index(10)]
	pub type Providers = pallet_providers;

	#[runtime::pallet_index(11)]
	pub type Council = pallet_collective<Instance1>;

	#[runtime::pallet_index(12)]
	pub type CouncilRoot = pallet_council_root;

	// Session comes before Aura and GRANDPA so that a rotation hands them the new authorities
	// in the same block.
	#[runtime::pallet_index(20)]
	pub type Session = pallet_session;

	#[runtime::pallet_index(21)]
	pub type Aura = pallet_aura;

	#[runtime::pallet_index(22)]
	pub type Grandpa = pallet_grandpa;

	#[runtime::pallet_index(30)]
	pub type Patients = pallet_patients;

	#[runtime::pallet_index(31)]
	pub type Consent = pallet_consent;

	#[runtime::pallet_index(32)]
	pub type Records = pallet_records;

	#[runtime::pallet_index(40)]
	pub type Contracts = pallet_contracts;

	#[runtime::pallet_index(41)]
	pub type CodeApproval = pallet_code_approval;
}
