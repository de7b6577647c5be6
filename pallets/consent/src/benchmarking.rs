//! Benchmarks of consent, each call at its worst case.

use super::*;
use frame_benchmarking::v2::*;
use frame_support::traits::fungible::{Inspect, Mutate};
use frame_system::RawOrigin;
use medledger_primitives::RecordCategory;
use sp_runtime::traits::Saturating;

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId
where
	T::Currency: Mutate<T::AccountId>,
{
	let who: T::AccountId = account(name, index, 0);
	let amount = T::InquiryDeposit::get()
		.saturating_mul(1000u32.into())
		.saturating_add(T::Currency::minimum_balance().saturating_mul(1_000_000u32.into()));
	T::Currency::set_balance(&who, amount);
	who
}

fn patient<T: Config>() -> T::AccountId
where
	T::Currency: Mutate<T::AccountId>,
{
	let who = funded::<T>("patient", 0);
	T::BenchmarkHelper::register_patient(&who);
	who
}

/// A representative who manages `patient`'s consent: the signer of a consent call's worst
/// case. The patient's own signature reads no representation, and a grant by the patient reads
/// no employer (a representative may not grant to itself or its clinic).
fn manager<T: Config>(patient: &T::AccountId) -> T::AccountId {
	let representative: T::AccountId = account("representative", 0, 0);
	T::BenchmarkHelper::appoint_manager(patient, &representative);
	representative
}

fn all_but_mental_health() -> (CategorySet, CategorySet) {
	(CategorySet::all(), CategorySet::of(&[RecordCategory::MentalHealth]))
}

/// `n` grants from `patient` to `grantee`, ending at the next block when `lapsing`.
fn grants<T: Config>(patient: &T::AccountId, grantee: &T::AccountId, n: u32, lapsing: bool) {
	let now = frame_system::Pallet::<T>::block_number();
	let (categories, except) = all_but_mental_health();
	for _ in 0..n {
		let ends = lapsing.then(|| now.saturating_add(1u32.into()));
		assert!(Pallet::<T>::grant(
			RawOrigin::Signed(patient.clone()).into(),
			patient.clone(),
			grantee.clone(),
			categories,
			except,
			Purpose::Treatment,
			AccessLevel::Read,
			None,
			ends,
		)
		.is_ok());
	}
}

/// `n` grants from `patient` to `grantee` for treatment, lapsing next block, stored as
/// `grant` stores them (record, index entry, live-grant count). Written straight into
/// storage: the access decision's worst case needs two full index lists, which is more than a
/// runtime's `MaxLiveGrants` may let the calls make (the mock's, for one).
fn indexed_grants<T: Config>(patient: &T::AccountId, grantee: &T::AccountId, n: u32) {
	let now = frame_system::Pallet::<T>::block_number();
	let ends = Some(now.saturating_add(1u32.into()));
	let epoch = T::Patients::consent_epoch(patient);
	assert!(epoch.is_some(), "the patient is registered");
	let epoch = epoch.unwrap_or_default();
	let to_provider = T::Providers::status(grantee).is_some();
	let (categories, except) = all_but_mental_health();
	let mut entries = GrantIndex::<T>::get(patient, grantee);
	for _ in 0..n {
		let id = NextGrantId::<T>::get();
		let next = id.next();
		assert!(next.is_some(), "grant identifiers do not run out");
		NextGrantId::<T>::put(next.unwrap_or_default());
		Grants::<T>::insert(
			id,
			Grant {
				patient: patient.clone(),
				grantee: grantee.clone(),
				categories,
				except,
				purpose: Purpose::Treatment,
				access: AccessLevel::Read,
				starts: now,
				ends,
				revoked_at: None,
				epoch,
				to_provider,
				origin: GrantOrigin::Consent,
			},
		);
		assert!(entries.try_push(IndexEntry { grant: id, ends, epoch }).is_ok());
	}
	GrantIndex::<T>::insert(patient, grantee, entries);
	LiveGrantCount::<T>::mutate(patient, |count| count.saturating_accrue(n));
}

/// `n` inquiries to `patient`, from different requesters; returns the last one.
fn inquiries<T: Config>(patient: &T::AccountId, n: u32) -> Option<InquiryId>
where
	T::Currency: Mutate<T::AccountId>,
{
	let mut last = None;
	for i in 0..n {
		let requester = funded::<T>("requester", i);
		last = Some(NextInquiryId::<T>::get());
		assert!(Pallet::<T>::inquire(
			RawOrigin::Signed(requester).into(),
			patient.clone(),
			CategorySet::all(),
			Purpose::Research,
			100u32.into(),
			alloc::vec![0u8; T::MaxNoteLength::get() as usize],
		)
		.is_ok());
	}
	last
}

fn advance<T: Config>(blocks: BlockNumberFor<T>) {
	let now = frame_system::Pallet::<T>::block_number();
	frame_system::Pallet::<T>::set_block_number(now.saturating_add(blocks));
}

#[benchmarks(where T::Currency: Mutate<T::AccountId>)]
mod benchmarks {
	use super::*;

	/// The grant itself, below the patient's `MaxLiveGrants` (a sweep at the cap is charged
	/// apart, by [`sweep`]): the grantee's own index list holds `g` grants, all lapsed, which
	/// a full list drops to make room.
	#[benchmark]
	fn grant(g: Linear<0, { T::MaxGrantsPerGrantee::get() }>) {
		let patient = patient::<T>();
		let grantee: T::AccountId = account("grantee", 0, 0);
		grants::<T>(&patient, &grantee, g, true);
		assert!(LiveGrantCount::<T>::get(&patient) < T::MaxLiveGrants::get(), "below the cap");
		let representative = manager::<T>(&patient);
		advance::<T>(2u32.into());
		let (categories, except) = all_but_mental_health();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(representative),
			patient.clone(),
			grantee.clone(),
			categories,
			except,
			Purpose::Treatment,
			AccessLevel::ReadAppend,
			None,
			None,
		);

		// The lapsed grants left the index (a full list drops them to make room); the new one
		// is in.
		let full = g == T::MaxGrantsPerGrantee::get();
		let expected = if full { 1 } else { g + 1 };
		assert_eq!(GrantIndex::<T>::get(&patient, &grantee).len() as u32, expected);
		assert_eq!(LiveGrantCount::<T>::get(&patient), expected);
	}

	/// A sweep of the patient's lapsed grants, as a grant, an approval or a break-glass access
	/// at `MaxLiveGrants` makes it first: `l` index lists, each full of lapsed grants (each list
	/// is charged as a full one), all taken out.
	#[benchmark]
	fn sweep(l: Linear<1, { T::MaxLiveGrants::get() }>) {
		let patient = patient::<T>();
		for i in 0..l {
			indexed_grants::<T>(&patient, &account("swept", i, 0), T::MaxGrantsPerGrantee::get());
		}
		advance::<T>(2u32.into());
		let now = frame_system::Pallet::<T>::block_number();
		let epoch = T::Patients::consent_epoch(&patient).unwrap_or_default();
		let read;

		#[block]
		{
			read = Pallet::<T>::sweep_lapsed_grants(&patient, now, epoch);
		}

		assert_eq!(read, l);
		assert_eq!(GrantIndex::<T>::iter_prefix(&patient).count(), 0);
		assert_eq!(LiveGrantCount::<T>::get(&patient), 0);
	}

	#[benchmark]
	fn revoke(g: Linear<1, { T::MaxGrantsPerGrantee::get() }>) {
		let patient = patient::<T>();
		let grantee: T::AccountId = account("grantee", 0, 0);
		let first = NextGrantId::<T>::get();
		grants::<T>(&patient, &grantee, g, false);
		let representative = manager::<T>(&patient);

		#[extrinsic_call]
		_(RawOrigin::Signed(representative), first);

		assert!(Grants::<T>::get(first).is_some_and(|g| g.revoked_at.is_some()));
	}

	#[benchmark]
	fn revoke_all(g: Linear<1, { T::MaxGrantsPerGrantee::get() }>) {
		let patient = patient::<T>();
		let grantee: T::AccountId = account("grantee", 0, 0);
		let first = NextGrantId::<T>::get();
		grants::<T>(&patient, &grantee, g, false);
		let representative = manager::<T>(&patient);

		#[extrinsic_call]
		_(RawOrigin::Signed(representative), patient.clone(), grantee.clone());

		assert!(GrantIndex::<T>::get(&patient, &grantee).is_empty());
		assert!(Grants::<T>::get(first).is_some_and(|g| g.revoked_at.is_some()));
	}

	/// The patient's pending list holds `q` inquiries; when full, the oldest has expired and
	/// the new one reaps it.
	#[benchmark]
	fn inquire(q: Linear<0, { T::MaxPendingInquiries::get() }>) {
		let patient = patient::<T>();
		inquiries::<T>(&patient, q);
		advance::<T>(T::InquiryLifetime::get());
		let requester = funded::<T>("newcomer", 0);
		let note = alloc::vec![0u8; T::MaxNoteLength::get() as usize];

		#[extrinsic_call]
		_(
			RawOrigin::Signed(requester),
			patient.clone(),
			CategorySet::all(),
			Purpose::Research,
			100u32.into(),
			note,
		);

		assert!(!PendingInquiries::<T>::get(&patient).is_empty());
	}

	/// An approval (a grant, as [`grant`], below `MaxLiveGrants`) of the last of `q` pending
	/// inquiries; the requester holds `g` live grants already.
	#[benchmark]
	fn answer_inquiry(
		q: Linear<1, { T::MaxPendingInquiries::get() }>,
		g: Linear<0, { T::MaxGrantsPerGrantee::get() - 1 }>,
	) -> Result<(), BenchmarkError> {
		let patient = patient::<T>();
		let inquiry = inquiries::<T>(&patient, q).ok_or(BenchmarkError::Weightless)?;
		let requester =
			Inquiries::<T>::get(inquiry).map(|i| i.requester).ok_or(BenchmarkError::Weightless)?;
		grants::<T>(&patient, &requester, g, false);
		let representative = manager::<T>(&patient);
		let (categories, except) = all_but_mental_health();
		let answer = Answer::Approve { categories, except, duration: 100u32.into() };

		#[extrinsic_call]
		_(RawOrigin::Signed(representative), inquiry, answer);

		assert!(!Inquiries::<T>::contains_key(inquiry));
		assert_eq!(LiveGrantCount::<T>::get(&patient), g + 1);
		Ok(())
	}

	#[benchmark]
	fn withdraw_inquiry(
		q: Linear<1, { T::MaxPendingInquiries::get() }>,
	) -> Result<(), BenchmarkError> {
		let patient = patient::<T>();
		let inquiry = inquiries::<T>(&patient, q).ok_or(BenchmarkError::Weightless)?;
		let requester =
			Inquiries::<T>::get(inquiry).map(|i| i.requester).ok_or(BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(requester), inquiry);

		assert!(!Inquiries::<T>::contains_key(inquiry));
		Ok(())
	}

	#[benchmark]
	fn reap_inquiry(q: Linear<1, { T::MaxPendingInquiries::get() }>) -> Result<(), BenchmarkError> {
		let patient = patient::<T>();
		let inquiry = inquiries::<T>(&patient, q).ok_or(BenchmarkError::Weightless)?;
		advance::<T>(T::InquiryLifetime::get());
		let caller = funded::<T>("reaper", 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), inquiry);

		assert!(!Inquiries::<T>::contains_key(inquiry));
		Ok(())
	}

	/// Break-glass access below `MaxLiveGrants` (a sweep at the cap is charged apart): the
	/// practitioner's own index list holds `g` lapsed grants.
	#[benchmark]
	fn open_emergency_access(g: Linear<0, { T::MaxGrantsPerGrantee::get() }>) {
		let patient = patient::<T>();
		let practitioner = T::BenchmarkHelper::practitioner();
		grants::<T>(&patient, &practitioner, g, true);
		advance::<T>(2u32.into());

		#[extrinsic_call]
		_(RawOrigin::Signed(practitioner.clone()), patient.clone(), H256::repeat_byte(1));

		assert!(EmergencyUse::<T>::contains_key(&practitioner));
		// No sweep (below the cap); a full list dropped its lapsed grants for the new one.
		let expected = if g == T::MaxGrantsPerGrantee::get() { 1 } else { g + 1 };
		assert_eq!(LiveGrantCount::<T>::get(&patient), expected);
	}

	#[benchmark]
	fn flag_emergency_access() {
		let patient = patient::<T>();
		let practitioner = T::BenchmarkHelper::practitioner();
		let emergency = NextGrantId::<T>::get();
		assert!(Pallet::<T>::open_emergency_access(
			RawOrigin::Signed(practitioner).into(),
			patient.clone(),
			H256::zero()
		)
		.is_ok());

		let representative = manager::<T>(&patient);

		#[extrinsic_call]
		_(RawOrigin::Signed(representative), emergency);

		assert!(matches!(
			Grants::<T>::get(emergency).map(|g| g.origin),
			Some(GrantOrigin::BreakGlass { flagged: true, .. })
		));
	}

	#[benchmark]
	fn block_requester() {
		let patient = patient::<T>();
		let requester: T::AccountId = account("requester", 0, 0);
		let representative = manager::<T>(&patient);

		#[extrinsic_call]
		_(RawOrigin::Signed(representative), patient.clone(), requester.clone());

		assert!(Blocked::<T>::contains_key(&patient, &requester));
	}

	#[benchmark]
	fn unblock_requester() {
		let patient = patient::<T>();
		let requester: T::AccountId = account("requester", 0, 0);
		assert!(Pallet::<T>::block_requester(
			RawOrigin::Signed(patient.clone()).into(),
			patient.clone(),
			requester.clone()
		)
		.is_ok());
		let representative = manager::<T>(&patient);

		#[extrinsic_call]
		_(RawOrigin::Signed(representative), patient.clone(), requester.clone());

		assert!(!Blocked::<T>::contains_key(&patient, &requester));
	}

	/// The access decision at its worst (the contracts' chain extension charges it before it
	/// reads): the requester is a practitioner of an active provider, and the patient has
	/// `MaxGrantsPerGrantee` grants to the practitioner and as many to its employer, each
	/// covering what is asked for the purpose asked but lapsed. The decision reads every index
	/// entry and every grant of both lists, judges each to its end, and denies.
	#[benchmark]
	fn access_decision() -> Result<(), BenchmarkError> {
		let patient = patient::<T>();
		let practitioner = T::BenchmarkHelper::practitioner();
		let employer = T::Providers::acting_provider(&practitioner)
			.filter(|provider| provider != &practitioner)
			.ok_or(BenchmarkError::Stop("the helper's practitioner has no active employer"))?;
		let n = T::MaxGrantsPerGrantee::get();
		indexed_grants::<T>(&patient, &practitioner, n);
		indexed_grants::<T>(&patient, &employer, n);
		advance::<T>(2u32.into());
		let (categories, except) = all_but_mental_health();
		let needed = categories.without(except);
		let at = frame_system::Pallet::<T>::block_number();
		let decision;

		#[block]
		{
			decision = Pallet::<T>::access_decision(
				&practitioner,
				&patient,
				needed,
				Purpose::Treatment,
				at,
			);
		}

		// Every grant of both lists was read and judged: all lapsed.
		assert_eq!(GrantIndex::<T>::get(&patient, &practitioner).len() as u32, n);
		assert_eq!(GrantIndex::<T>::get(&patient, &employer).len() as u32, n);
		assert_eq!(decision, AccessDecision::Denied(Denial::Expired));
		Ok(())
	}

	/// Whether a grant was valid at a block: the grant and the end of the patient's epoch.
	#[benchmark]
	fn grant_valid_at() {
		let patient = patient::<T>();
		let grantee: T::AccountId = account("grantee", 0, 0);
		let id = NextGrantId::<T>::get();
		grants::<T>(&patient, &grantee, 1, false);
		let at = frame_system::Pallet::<T>::block_number();
		let valid;

		#[block]
		{
			valid = Pallet::<T>::grant_valid_at(id, at);
		}

		assert_eq!(valid, Some(true));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
