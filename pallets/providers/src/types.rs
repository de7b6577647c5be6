//! The records the provider registry keeps.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::ConstU32, BoundedVec};
use medledger_primitives::{EncryptionKey, KeyVersion, ProviderStatus};
use scale_info::TypeInfo;

use crate::Config;
use frame_support::traits::fungible::Inspect;
use frame_system::pallet_prelude::BlockNumberFor;

/// A clinic's human-readable name, as UTF-8 bytes.
pub type ProviderName<S> = BoundedVec<u8, S>;

/// The URL of a clinic's records gateway, as ASCII bytes.
pub type Endpoint<S> = BoundedVec<u8, S>;

/// The longest URL scheme we accept (`https://`).
pub(crate) type SchemeLength = ConstU32<8>;

/// A clinic that asked to join and waits for the council.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
#[scale_info(skip_type_params(MaxName, MaxEndpoint))]
pub struct Application<
	Balance,
	BlockNumber,
	MaxName: frame_support::traits::Get<u32>,
	MaxEndpoint: frame_support::traits::Get<u32>,
> {
	/// The name the clinic gives itself.
	pub name: ProviderName<MaxName>,
	/// Where its records gateway listens.
	pub endpoint: Endpoint<MaxEndpoint>,
	/// The key that data for the clinic is sealed to.
	pub encryption_key: EncryptionKey,
	/// What the applicant holds for this record; it stays held once admitted.
	pub deposit: Balance,
	/// When the application was made.
	pub applied_at: BlockNumber,
}

/// An admitted clinic.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
#[scale_info(skip_type_params(MaxName, MaxEndpoint, MaxPreviousKeys))]
pub struct ProviderInfo<
	Balance,
	BlockNumber,
	MaxName: frame_support::traits::Get<u32>,
	MaxEndpoint: frame_support::traits::Get<u32>,
	MaxPreviousKeys: frame_support::traits::Get<u32>,
> {
	/// The clinic's name.
	pub name: ProviderName<MaxName>,
	/// Where its records gateway listens.
	pub endpoint: Endpoint<MaxEndpoint>,
	/// The key that new data for the clinic is sealed to.
	pub encryption_key: EncryptionKey,
	/// The version of `encryption_key`: 0 at application, one more at each rotation.
	pub key_version: KeyVersion,
	/// The most recent retired keys with their versions, oldest first, so that data sealed to
	/// an older key can still be traced to it.
	pub previous_keys: BoundedVec<(KeyVersion, EncryptionKey), MaxPreviousKeys>,
	/// Where the clinic stands with the council.
	pub status: ProviderStatus,
	/// What the clinic holds for this record (zero for founding providers).
	pub deposit: Balance,
	/// When the clinic was admitted.
	pub admitted_at: BlockNumber,
}

/// Why a provider left the registry.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum Departure {
	/// The clinic retired of its own accord; its deposit was returned.
	Retired,
	/// The council expelled the clinic; its deposit was slashed.
	Expelled,
}

/// The balance type of the currency deposits are held in.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// An [`Application`] as this runtime stores it.
pub type ApplicationOf<T> = Application<
	BalanceOf<T>,
	BlockNumberFor<T>,
	<T as Config>::MaxNameLength,
	<T as Config>::MaxEndpointLength,
>;

/// A [`ProviderInfo`] as this runtime stores it.
pub type ProviderInfoOf<T> = ProviderInfo<
	BalanceOf<T>,
	BlockNumberFor<T>,
	<T as Config>::MaxNameLength,
	<T as Config>::MaxEndpointLength,
	<T as Config>::MaxPreviousKeys,
>;

/// A provider's open offers of employment: each account offered, and the block of the offer.
pub type OffersOf<T> = BoundedVec<
	(<T as frame_system::Config>::AccountId, BlockNumberFor<T>),
	<T as Config>::MaxPractitioners,
>;
