//! Smart contracts: `pallet-contracts` (Wasm, ink! 5.1), the council's approval of contract
//! code, and the consent chain extension. `docs/contracts.md` says why each limit is what it is.

use frame_support::{
	parameter_types,
	traits::{ConstBool, ConstU32, Nothing, Randomness},
	weights::Weight,
};
use frame_system::{pallet_prelude::BlockNumberFor, EnsureSigned};
use pallet_contracts::{Determinism, Frame, Schedule};
use sp_runtime::{
	traits::{BlakeTwo256, Hash as _},
	DispatchError, Perbill,
};

use super::governance::TwoThirdsOfCouncil;
use crate::{
	consent_extension::ConsentExtension, AccountId, Balance, Balances, Contracts, Hash, Runtime,
	RuntimeCall, RuntimeEvent, RuntimeHoldReason, Timestamp, MILLI_UNIT,
};

/// The storage deposit for `items` storage items of `bytes` bytes in all: 10 milli-MED an item
/// and 0.1 milli-MED a byte (a 40 KiB contract holds about 4 MED while its code is stored).
pub const fn deposit(items: u32, bytes: u32) -> Balance {
	items as Balance * 10 * MILLI_UNIT + bytes as Balance * MILLI_UNIT / 10
}

/// The longest contract code, in bytes: ink! contracts of this repository are 10-40 KiB.
pub const MAX_CODE_LEN: u32 = 123 * 1024;

parameter_types! {
	pub const DepositPerItem: Balance = deposit(1, 0);
	pub const DepositPerByte: Balance = deposit(0, 1);
	pub const DefaultDepositLimit: Balance = deposit(1024, 1024 * 1024);
	/// The default schedule, with storage values and event payloads of at most 8 KiB (half the
	/// default): what a block's two seconds of compute can write then fits in a validator's
	/// memory (`pallet-contracts` checks it in its integrity test).
	pub ContractsSchedule: Schedule<Runtime> = {
		let mut schedule = Schedule::<Runtime>::default();
		schedule.limits.payload_len = 8 * 1024;
		schedule
	};
	pub const CodeHashLockupDepositPercent: Perbill = Perbill::from_percent(30);
}

/// Contracts get no randomness worth the name: the contracts API's `random` is deprecated, and
/// nothing on this chain should depend on it. It answers a hash of the subject and the parent
/// block's hash, which a block author can steer.
pub struct NoRealRandomness;

impl Randomness<Hash, BlockNumberFor<Runtime>> for NoRealRandomness {
	fn random(subject: &[u8]) -> (Hash, BlockNumberFor<Runtime>) {
		let parent = frame_system::Pallet::<Runtime>::parent_hash();
		let block = frame_system::Pallet::<Runtime>::block_number();
		(BlakeTwo256::hash_of(&(subject, parent)), block.saturating_sub(1))
	}
}

impl pallet_contracts::Config for Runtime {
	type Time = Timestamp;
	type Randomness = NoRealRandomness;
	type Currency = Balances;
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type RuntimeHoldReason = RuntimeHoldReason;
	// No `call_runtime`: a contract acts on consent through the chain extension, which only
	// reads; it cannot dispatch a call in a patient's or a clinic's name.
	type CallFilter = Nothing;
	type WeightPrice = pallet_transaction_payment::Pallet<Self>;
	type WeightInfo = pallet_contracts::weights::SubstrateWeight<Self>;
	type ChainExtension = ConsentExtension;
	type Schedule = ContractsSchedule;
	type CallStack = [Frame<Self>; 5];
	type DepositPerByte = DepositPerByte;
	type DefaultDepositLimit = DefaultDepositLimit;
	type DepositPerItem = DepositPerItem;
	type CodeHashLockupDepositPercent = CodeHashLockupDepositPercent;
	type AddressGenerator = pallet_contracts::DefaultAddressGenerator;
	type MaxCodeLen = ConstU32<MAX_CODE_LEN>;
	type MaxStorageKeyLen = ConstU32<128>;
	type MaxTransientStorageSize = ConstU32<{ 1024 * 1024 }>;
	type MaxDelegateDependencies = ConstU32<32>;
	type UnsafeUnstableInterface = ConstBool<false>;
	type MaxDebugBufferLen = ConstU32<{ 2 * 1024 * 1024 }>;
	// Code comes in through `CodeApproval::upload` only, once the council approved its hash.
	type UploadOrigin = frame_support::traits::NeverEnsureOrigin<AccountId>;
	// Any signed account may instantiate approved code.
	type InstantiateOrigin = EnsureSigned<AccountId>;
	type Migrations = ();
	type Debug = ();
	type Environment = ();
	type ApiVersion = ();
	type Xcm = ();
}

/// The contracts pallet as the store of approved code.
pub struct ContractsCodeStore;

impl pallet_code_approval::CodeStore<AccountId, Hash, Balance> for ContractsCodeStore {
	fn hash_of(code: &[u8]) -> Hash {
		BlakeTwo256::hash(code)
	}

	fn store(
		uploader: AccountId,
		code: alloc::vec::Vec<u8>,
		deposit_limit: Option<Balance>,
	) -> Result<Balance, DispatchError> {
		Contracts::bare_upload_code(uploader, code, deposit_limit, Determinism::Enforced)
			.map(|stored| stored.deposit)
	}

	fn store_weight(len: u32) -> Weight {
		use pallet_contracts::WeightInfo;
		pallet_contracts::weights::SubstrateWeight::<Runtime>::upload_code_determinism_enforced(len)
	}
}

impl pallet_code_approval::Config for Runtime {
	type Balance = Balance;
	type CodeStore = ContractsCodeStore;
	type ApproveOrigin = TwoThirdsOfCouncil;
	type MaxCodeLen = ConstU32<MAX_CODE_LEN>;
	type WeightInfo = pallet_code_approval::weights::SubstrateWeight<Runtime>;
}
