//! Governance: the provider council and the provider registry.
//!
//! The council is a collective whose members are exactly the active providers: the registry
//! seats and unseats them, and nobody else can (`SetMembersOrigin` is never satisfied). A motion
//! carried by two thirds of the council is the runtime's highest authority: it admits,
//! suspends, reinstates and expels providers, and through `CouncilRoot` dispatches any call as
//! root (a runtime upgrade, say). There is no sudo key.
//!
//! A motion put to a vote costs its proposer a deposit ([`CouncilMotionDeposit`]) that grows
//! with the motions already open, and no member may have more than
//! [`MaxOpenMotionsPerProposer`] motions open at once: one member cannot fill the council's
//! queue of [`CouncilMaxProposals`] motions, nor make it cheap for a coalition to.

use alloc::vec::Vec;
use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::{
	parameter_types,
	traits::{
		fungible::HoldConsideration, ChangeMembers, Consideration, ConstU32, EitherOfDiverse,
		InitializeMembers, MaybeConsideration, SortedMembers,
	},
	weights::Weight,
};
use frame_system::{EnsureNever, EnsureRoot};
use medledger_primitives::council;
use pallet_collective::{deposit, WeightInfo};
use scale_info::TypeInfo;
use sp_runtime::{DispatchError, FixedU128, Perbill};

use crate::{
	AccountId, Balance, Balances, BlockNumber, Council, Runtime, RuntimeCall, RuntimeEvent,
	RuntimeHoldReason, RuntimeOrigin, Session, DAYS, MILLI_UNIT, UNIT,
};

/// The council's instance of `pallet_collective`.
pub type CouncilCollective = pallet_collective::Instance1;

/// A motion carried by at least two thirds of the council ([`medledger_primitives::council`]).
pub type CouncilSupermajority = pallet_collective::EnsureProportionAtLeast<
	AccountId,
	CouncilCollective,
	{ council::APPROVAL_NUMERATOR },
	{ council::APPROVAL_DENOMINATOR },
>;

/// A council supermajority, or root (which is itself reached only through one).
pub type TwoThirdsOfCouncil = EitherOfDiverse<EnsureRoot<AccountId>, CouncilSupermajority>;

parameter_types! {
	/// The most providers the registry, the council and the validator set hold.
	pub const MaxProviders: u32 = 100;
	pub const CouncilMotionDuration: BlockNumber = 3 * DAYS;
	pub const CouncilMaxProposals: u32 = 100;
	pub MaxProposalWeight: Weight = Perbill::from_percent(50) * super::RuntimeBlockWeights::get().max_block;
	/// Pays for the fixed part of a provider's record and roster (see the pallet docs).
	pub const ProviderDepositBase: Balance = 10 * UNIT;
	/// Pays for each byte of a provider's name and endpoint.
	pub const ProviderDepositPerByte: Balance = 10 * MILLI_UNIT;
}

// What a council motion costs. A motion put to a vote takes a place in a queue of
// `CouncilMaxProposals` that every provider shares, for up to `CouncilMotionDuration`. Its
// deposit is held from the proposer until the motion is closed and the deposit released with
// `release_proposal_cost`, or burned if the council kills the motion as spam.
//
// The deposit starts at one MED, a tenth of what a clinic holds to be registered
// (`ProviderDepositBase`), so the few motions a council has open in the ordinary course cost
// little. Each motion already open raises the next one's by half (1, 1.5, 2.25, 3.375, 5.062
// MED, ...), up to a ceiling of 100 MED, reached from the thirteenth open motion on. The cap per
// member keeps any one member from pushing the price up for everyone: a member alone can make
// the next motion cost at most 1.5^5, under eight MED; filling the queue takes twenty members
// and some 9,000 MED, which the council can burn (`kill`).
parameter_types! {
	/// Why a motion's deposit is held: the council's own hold reason.
	pub const CouncilMotionHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Council(pallet_collective::HoldReason::ProposalSubmission);
	/// The deposit of a motion proposed while no other motion is open.
	pub const CouncilMotionDepositBase: Balance = UNIT;
	/// What each motion already open multiplies the next one's deposit by.
	pub const CouncilMotionDepositRatio: FixedU128 = FixedU128::from_rational(3, 2);
	/// The most a motion's deposit reaches, however many motions are open.
	pub const CouncilMotionDepositCeil: Balance = 100 * UNIT;
	/// The most motions one member may have open (proposed, not yet closed) at once.
	pub const MaxOpenMotionsPerProposer: u32 = 5;
}

// The cap per member counts the proposer recorded with each open motion's deposit, which
// `pallet_collective` records only for a deposit that is not zero.
const _: () = assert!(
	CouncilMotionDepositBase::get() >= MILLI_UNIT,
	"every motion must cost a deposit, or the cap per member cannot see who proposed it"
);

/// The deposit of a motion proposed while `open` motions are open already:
/// `CouncilMotionDepositBase * 1.5^open`, rounded down to a milli-MED (10^9 planck), at most
/// `CouncilMotionDepositCeil`.
pub type CouncilMotionDepositCurve = deposit::WithCeil<
	CouncilMotionDepositCeil,
	deposit::Round<
		ConstU32<9>,
		deposit::Geometric<CouncilMotionDepositRatio, CouncilMotionDepositBase>,
	>,
>;

/// A motion's deposit, held from the proposer's free balance under [`CouncilMotionHoldReason`].
pub type CouncilMotionHold =
	HoldConsideration<AccountId, Balances, CouncilMotionHoldReason, CouncilMotionDepositCurve, u32>;

type CouncilError = pallet_collective::Error<Runtime, CouncilCollective>;
/// The hashes of the open motions, oldest first.
type OpenMotions = pallet_collective::Proposals<Runtime, CouncilCollective>;
/// Each motion's proposer and deposit, from its proposal until the deposit is released.
type MotionDeposits = pallet_collective::CostOf<Runtime, CouncilCollective>;

/// What a council member pays to put a motion to a vote: [`CouncilMotionHold`], refused to a
/// member who has [`MaxOpenMotionsPerProposer`] motions open already.
///
/// `pallet_collective` has no limit per member, but it asks for this deposit (its
/// `Consideration`) for every motion it stores, and only for those: a motion carried at once
/// (threshold one) is never stored and costs nothing. It records who proposed each open motion
/// next to the motion's deposit (`CostOf`), so counting a member's open motions is a read of
/// each open motion's record, at most `CouncilMaxProposals` of them; [`CouncilWeights`] charges
/// for those reads.
///
/// # Errors
///
/// `new` fails with
/// - `Council::TooManyProposals` when the proposer has [`MaxOpenMotionsPerProposer`] motions
///   open: close one (or let it expire and close it) first;
/// - `Council::DuplicateProposal` when an earlier motion with the same call was closed but its
///   deposit is still held: anyone may release it with `release_proposal_cost`, and the motion
///   may then be proposed again;
/// - `Token::FundsUnavailable` when the proposer cannot pay the deposit.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo, MaxEncodedLen)]
pub struct CouncilMotionDeposit(CouncilMotionHold);

impl CouncilMotionDeposit {
	/// How many open motions `who` proposed.
	pub fn open_motions_of(who: &AccountId) -> usize {
		OpenMotions::get()
			.iter()
			.filter(|motion| {
				MotionDeposits::get(motion).is_some_and(|(proposer, _)| &proposer == who)
			})
			.count()
	}
}

impl Consideration<AccountId, u32> for CouncilMotionDeposit {
	/// `open` is the number of motions open before this one.
	fn new(who: &AccountId, open: u32) -> Result<Self, DispatchError> {
		// `propose` appends the new motion to `Proposals` before it asks for the deposit, and
		// records the deposit after: the new motion is the last one, with no record yet. A record
		// under its hash belongs to an earlier motion with the same call, closed but with its
		// deposit never released; the new record would overwrite it and leave the earlier
		// proposer's deposit held for good.
		let newest = OpenMotions::get().last().copied();
		if newest.is_some_and(MotionDeposits::contains_key) {
			return Err(CouncilError::DuplicateProposal.into());
		}
		if Self::open_motions_of(who) >= MaxOpenMotionsPerProposer::get() as usize {
			return Err(CouncilError::TooManyProposals.into());
		}
		CouncilMotionHold::new(who, open).map(Self)
	}

	fn update(self, who: &AccountId, open: u32) -> Result<Self, DispatchError> {
		self.0.update(who, open).map(Self)
	}

	fn drop(self, who: &AccountId) -> Result<(), DispatchError> {
		self.0.drop(who)
	}

	fn burn(self, who: &AccountId) {
		self.0.burn(who)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn ensure_successful(who: &AccountId, open: u32) {
		CouncilMotionHold::ensure_successful(who, open)
	}
}

impl MaybeConsideration<AccountId, u32> for CouncilMotionDeposit {
	fn is_none(&self) -> bool {
		self.0.is_none()
	}
}

/// `pallet_collective`'s weights, plus what [`CouncilMotionDeposit`] reads when a motion is put
/// to a vote: the open motions, and each one's deposit record to find its proposer.
pub struct CouncilWeights;

type SubstrateCouncilWeights = pallet_collective::weights::SubstrateWeight<Runtime>;

impl WeightInfo for CouncilWeights {
	fn set_members(m: u32, n: u32, p: u32) -> Weight {
		SubstrateCouncilWeights::set_members(m, n, p)
	}
	fn execute(b: u32, m: u32) -> Weight {
		SubstrateCouncilWeights::execute(b, m)
	}
	fn propose_execute(b: u32, m: u32) -> Weight {
		SubstrateCouncilWeights::propose_execute(b, m)
	}
	/// `p` counts the new motion: the deposit reads `Proposals` twice (cached after the first
	/// read, counted anyway) and the deposit record of each of the `p` motions.
	fn propose_proposed(b: u32, m: u32, p: u32) -> Weight {
		let reads = u64::from(p).saturating_add(2);
		SubstrateCouncilWeights::propose_proposed(b, m, p)
			.saturating_add(<Runtime as frame_system::Config>::DbWeight::get().reads(reads))
	}
	fn vote(m: u32) -> Weight {
		SubstrateCouncilWeights::vote(m)
	}
	fn close_early_disapproved(m: u32, p: u32) -> Weight {
		SubstrateCouncilWeights::close_early_disapproved(m, p)
	}
	fn close_early_approved(b: u32, m: u32, p: u32) -> Weight {
		SubstrateCouncilWeights::close_early_approved(b, m, p)
	}
	fn close_disapproved(m: u32, p: u32) -> Weight {
		SubstrateCouncilWeights::close_disapproved(m, p)
	}
	fn close_approved(b: u32, m: u32, p: u32) -> Weight {
		SubstrateCouncilWeights::close_approved(b, m, p)
	}
	fn disapprove_proposal(p: u32) -> Weight {
		SubstrateCouncilWeights::disapprove_proposal(p)
	}
	fn kill(d: u32, p: u32) -> Weight {
		SubstrateCouncilWeights::kill(d, p)
	}
	fn release_proposal_cost() -> Weight {
		SubstrateCouncilWeights::release_proposal_cost()
	}
}

impl pallet_collective::Config<CouncilCollective> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = CouncilMotionDuration;
	type MaxProposals = CouncilMaxProposals;
	type MaxMembers = MaxProviders;
	type DefaultVote = pallet_collective::PrimeDefaultVote;
	type WeightInfo = CouncilWeights;
	// Membership follows the provider registry and nothing else.
	type SetMembersOrigin = EnsureNever<()>;
	type MaxProposalWeight = MaxProposalWeight;
	type DisapproveOrigin = TwoThirdsOfCouncil;
	// Kill burns the motion's deposit: the council's answer to a member who spams it.
	type KillOrigin = TwoThirdsOfCouncil;
	// A closed motion's deposit stays held until someone (anyone signed) calls
	// `release_proposal_cost` for it.
	type Consideration = CouncilMotionDeposit;
}

/// The council as the provider registry sees it: told of every change of the active
/// providers, and read back by the registry's invariant checks.
pub struct CouncilMembership;

impl ChangeMembers<AccountId> for CouncilMembership {
	fn change_members_sorted(incoming: &[AccountId], outgoing: &[AccountId], new: &[AccountId]) {
		<Council as ChangeMembers<AccountId>>::change_members_sorted(incoming, outgoing, new)
	}
}

impl InitializeMembers<AccountId> for CouncilMembership {
	fn initialize_members(members: &[AccountId]) {
		<Council as InitializeMembers<AccountId>>::initialize_members(members)
	}
}

impl SortedMembers<AccountId> for CouncilMembership {
	fn sorted_members() -> Vec<AccountId> {
		pallet_collective::Members::<Runtime, CouncilCollective>::get()
	}
}

impl pallet_council_root::Config for Runtime {
	type RuntimeCall = RuntimeCall;
	type CouncilOrigin = CouncilSupermajority;
	type WeightInfo = pallet_council_root::weights::SubstrateWeight<Runtime>;
}

impl pallet_providers::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type GovernanceOrigin = TwoThirdsOfCouncil;
	type Council = CouncilMembership;
	type ValidatorRegistration = Session;
	type ProviderDepositBase = ProviderDepositBase;
	type ProviderDepositPerByte = ProviderDepositPerByte;
	type MaxProviders = MaxProviders;
	type MaxPractitioners = frame_support::traits::ConstU32<256>;
	/// Two weeks to take up a post.
	type EmploymentOfferLifetime = frame_support::traits::ConstU32<{ 14 * crate::DAYS }>;
	type MaxNameLength = frame_support::traits::ConstU32<64>;
	type MaxEndpointLength = frame_support::traits::ConstU32<128>;
	type MaxPreviousKeys = frame_support::traits::ConstU32<8>;
	type WeightInfo = pallet_providers::weights::SubstrateWeight<Runtime>;
}
