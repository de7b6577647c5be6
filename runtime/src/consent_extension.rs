//! The consent chain extension: what a contract may ask the chain about consent, records and
//! the standing of accounts. `docs/contracts.md` has the function table.
//!
//! Every function only reads, charges its benchmarked weight before it reads, takes a
//! fixed-size input and writes a small fixed-size output. An unknown function, or input that
//! is not exactly one encoded value of the function's input (too short, too long, not a
//! value), traps the calling contract.
//!
//! A contract may ask about any requester, not only itself and its caller: every answer here
//! is already public (the chain's state, and `medledger_accessDecision` over RPC), so a narrower
//! rule would hide nothing, while an insurer's contract must ask about the insurer.

use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::weights::Weight;
use medledger_primitives::{
	CategorySet, ConsentRegistry, GrantId, LabelSet, PatientRegistry, ProviderRegistry, Purpose,
	RecordCategory, RecordId,
};
use pallet_contracts::chain_extension::{
	BufInBufOutState, ChainExtension, Environment, Ext, InitState, RetVal,
};
use scale_info::TypeInfo;
use sp_runtime::DispatchError;

use crate::{AccountId, BlockNumber, Consent, Records, Runtime, System};

/// The consent extension's id, which ink! puts in the high 16 bits of a function's id ("ML").
pub const EXTENSION_ID: u16 = 0x4d4c;

/// A record as a contract sees it: whose it is, who holds it, and what it contains.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct RecordFacts {
	/// Whose record.
	pub patient: AccountId,
	/// The provider that holds it.
	pub custodian: AccountId,
	/// Its class.
	pub category: RecordCategory,
	/// Its sensitivity labels.
	pub labels: LabelSet,
}

/// The functions of the extension, by their id.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Function {
	/// `(requester, patient, CategorySet, Purpose) -> AccessDecision`.
	AccessDecision = 1,
	/// `(requester, RecordId, Purpose) -> AccessDecision`.
	RecordAccess = 2,
	/// `(GrantId, BlockNumber) -> Option<bool>`.
	GrantValidAt = 3,
	/// `RecordId -> Option<RecordFacts>`.
	Record = 4,
	/// `AccountId -> bool`.
	IsPatient = 5,
	/// `AccountId -> bool`.
	IsActiveProvider = 6,
	/// `GrantId -> Option<(patient, grantee)>`.
	GrantParties = 7,
}

impl Function {
	/// The function of id `id`, if there is one.
	pub fn from_id(id: u16) -> Option<Self> {
		Some(match id {
			1 => Self::AccessDecision,
			2 => Self::RecordAccess,
			3 => Self::GrantValidAt,
			4 => Self::Record,
			5 => Self::IsPatient,
			6 => Self::IsActiveProvider,
			7 => Self::GrantParties,
			_ => return None,
		})
	}

	/// What the function costs, charged before it reads: the benchmarked weight of the reads
	/// it makes.
	pub fn weight(self) -> Weight {
		use pallet_consent::WeightInfo as _;
		use pallet_patients::WeightInfo as _;
		use pallet_providers::WeightInfo as _;
		use pallet_records::WeightInfo as _;
		type ConsentWeights = pallet_consent::weights::SubstrateWeight<Runtime>;
		type RecordsWeights = pallet_records::weights::SubstrateWeight<Runtime>;
		match self {
			Self::AccessDecision => ConsentWeights::access_decision(),
			// The record, the requester's employer and the custodian's standing, then the
			// consent decision; the two reads' proof is `Providers::Employers` and
			// `Providers::Providers` at their largest (2555 and 3065 bytes).
			Self::RecordAccess => RecordsWeights::record_facts()
				.saturating_add(ConsentWeights::access_decision())
				.saturating_add(<Runtime as frame_system::Config>::DbWeight::get().reads(2))
				.saturating_add(Weight::from_parts(0, 2555 + 3065)),
			Self::GrantValidAt => ConsentWeights::grant_valid_at(),
			Self::Record => RecordsWeights::record_facts(),
			Self::IsPatient => pallet_patients::weights::SubstrateWeight::<Runtime>::is_patient(),
			Self::IsActiveProvider => {
				pallet_providers::weights::SubstrateWeight::<Runtime>::is_active_provider()
			},
			// One read of the grant: `grant_valid_at` reads it and one more, a bound.
			Self::GrantParties => ConsentWeights::grant_valid_at(),
		}
	}
}

/// The extension `pallet-contracts` hands a contract's `call_chain_extension` to.
#[derive(Default)]
pub struct ConsentExtension;

impl ChainExtension<Runtime> for ConsentExtension {
	fn call<E: Ext<T = Runtime>>(
		&mut self,
		env: Environment<E, InitState>,
	) -> pallet_contracts::chain_extension::Result<RetVal> {
		let function = (env.ext_id() == EXTENSION_ID)
			.then(|| Function::from_id(env.func_id()))
			.flatten()
			.ok_or(pallet_contracts::Error::<Runtime>::NoChainExtension)?;
		let mut env = env.buf_in_buf_out();
		env.charge_weight(function.weight())?;
		let output = answer(function, &mut env)?;
		env.write(&output, false, None)?;
		Ok(RetVal::Converging(0))
	}
}

/// Reads `function`'s input from the contract and answers it, encoded.
fn answer<E: Ext<T = Runtime>>(
	function: Function,
	env: &mut Environment<E, BufInBufOutState>,
) -> Result<alloc::vec::Vec<u8>, DispatchError> {
	let now = System::block_number();
	Ok(match function {
		Function::AccessDecision => {
			let (requester, patient, needed, purpose): (
				AccountId,
				AccountId,
				CategorySet,
				Purpose,
			) = input(env)?;
			Consent::access_decision(&requester, &patient, needed, purpose, now).encode()
		},
		Function::RecordAccess => {
			let (requester, record, purpose): (AccountId, RecordId, Purpose) = input(env)?;
			Records::record_access(&requester, record, purpose, now).encode()
		},
		Function::GrantValidAt => {
			let (grant, at): (GrantId, BlockNumber) = input(env)?;
			Consent::grant_valid_at(grant, at).encode()
		},
		Function::Record => {
			let record: RecordId = input(env)?;
			record_facts(record).encode()
		},
		Function::IsPatient => {
			let who: AccountId = input(env)?;
			<pallet_patients::Pallet<Runtime> as PatientRegistry<AccountId, BlockNumber>>::consent_epoch(&who)
				.is_some()
				.encode()
		},
		Function::IsActiveProvider => {
			let who: AccountId = input(env)?;
			<pallet_providers::Pallet<Runtime> as ProviderRegistry<AccountId>>::is_active(&who)
				.encode()
		},
		Function::GrantParties => {
			let grant: GrantId = input(env)?;
			<Consent as ConsentRegistry<AccountId, BlockNumber>>::parties(grant).encode()
		},
	})
}

/// The function's input: exactly the `input_len` bytes the contract passed, which must decode
/// to a `T` with nothing left over. (`read_as` would decode from the input's start to the end
/// of the contract's memory, so a contract that passed too few bytes would be answered about
/// whatever followed them.)
fn input<T: Decode + MaxEncodedLen, E: Ext<T = Runtime>>(
	env: &mut Environment<E, BufInBufOutState>,
) -> Result<T, DispatchError> {
	let len = env.in_len();
	if len as usize > T::max_encoded_len() {
		return Err(pallet_contracts::Error::<Runtime>::DecodingFailed.into());
	}
	env.read_as_unbounded(len)
}

/// A record's facts, if it exists.
pub fn record_facts(record: RecordId) -> Option<RecordFacts> {
	pallet_records::DocumentSets::<Runtime>::get(record).map(|set| RecordFacts {
		patient: set.patient,
		custodian: set.custodian,
		category: set.category,
		labels: set.labels,
	})
}
