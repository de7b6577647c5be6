//! Unit tests of the study, on ink!'s off-chain engine with the chain's consent modelled by
//! [`MockChain`].

use crate::research_study::*;
use medledger_ink::{
	testing::MockChain, CategorySet, Denial, GrantId, LabelSet, MedLedgerEnvironment as Env,
	Purpose, RecordCategory, RecordId,
};
use scale::Encode;

// The environment's types by the names the contract module gives them: ink! declares those
// names private to that module.
type AccountId = <Env as ink::env::Environment>::AccountId;
type Balance = <Env as ink::env::Environment>::Balance;
type BlockNumber = <Env as ink::env::Environment>::BlockNumber;
type Hash = <Env as ink::env::Environment>::Hash;

const BUDGET: Balance = 100_000_000;
const REWARD: Balance = 5_000_000;
const FOLLOW_UP: Balance = 2_000_000;
const DEADLINE: BlockNumber = 10;
const CAP: u32 = 3;

fn accounts() -> ink::env::test::DefaultAccounts<Env> {
	ink::env::test::default_accounts::<Env>()
}

/// The study contract's own account: the requester the chain judges.
fn study_account() -> AccountId {
	AccountId::from([0x42; 32])
}

fn protocol() -> Hash {
	Hash::from([0x07; 32])
}

fn categories() -> CategorySet {
	CategorySet::of(&[RecordCategory::LabResults, RecordCategory::VitalSigns])
}

fn set_caller(who: AccountId) {
	ink::env::test::set_caller::<Env>(who);
}

/// An account's balance; 0 for an account the engine never saw.
fn balance_of(who: AccountId) -> Balance {
	ink::env::test::get_account_balance::<Env>(who).unwrap_or(0)
}

fn advance_to(block: BlockNumber) {
	while ink::env::block_number::<Env>() < block {
		ink::env::test::advance_block::<Env>();
	}
}

/// The encoding of the last event emitted.
fn last_event() -> Vec<u8> {
	ink::env::test::recorded_events().last().map(|event| event.data).unwrap_or_default()
}

fn event_count() -> usize {
	ink::env::test::recorded_events().count()
}

/// Alice opens a study with `budget`, on a fresh mock chain.
fn open_study(budget: Balance, max_participants: u32, eligible: CategorySet) -> ResearchStudy {
	MockChain::install();
	ink::env::test::set_callee::<Env>(study_account());
	ink::env::test::set_account_balance::<Env>(study_account(), budget);
	set_caller(accounts().alice);
	ink::env::test::set_value_transferred::<Env>(budget);
	let study = ResearchStudy::new(
		categories(),
		REWARD,
		FOLLOW_UP,
		max_participants,
		DEADLINE,
		protocol(),
		eligible,
	);
	ink::env::test::set_value_transferred::<Env>(0);
	study
}

fn study() -> ResearchStudy {
	open_study(BUDGET, CAP, CategorySet::empty())
}

/// Registers `patient` and has them grant the study research access.
fn consenting(patient: AccountId) -> GrantId {
	MockChain::add_patient(patient);
	MockChain::grant(study_account(), patient, categories(), Purpose::Research)
}

/// `patient`, consenting, enrolls.
fn enrolled(study: &mut ResearchStudy, patient: AccountId) {
	consenting(patient);
	set_caller(patient);
	assert_eq!(study.enroll(None), Ok(()));
}

#[ink::test]
fn instantiation_records_the_terms_and_the_budget() {
	let study = study();
	let a = accounts();
	assert_eq!(
		study.terms(),
		Terms {
			researcher: a.alice,
			categories: categories(),
			reward: REWARD,
			follow_up_reward: FOLLOW_UP,
			max_participants: CAP,
			deadline: DEADLINE,
			protocol: protocol(),
			eligible: CategorySet::empty(),
			budget: BUDGET,
		}
	);
	assert_eq!(study.budget_left(), BUDGET);
	assert_eq!(study.participants(), 0);
	assert_eq!(
		last_event(),
		Instantiated { researcher: a.alice, budget: BUDGET, protocol: protocol() }.encode()
	);
}

#[ink::test]
fn enrolling_with_consent_pays_the_reward() {
	let mut study = study();
	let a = accounts();
	let grant = consenting(a.django);
	advance_to(2);
	set_caller(a.django);
	assert_eq!(study.enroll(None), Ok(()));
	assert_eq!(balance_of(a.django), REWARD);
	assert_eq!(study.budget_left(), BUDGET - REWARD);
	assert_eq!(study.participants(), 1);
	assert_eq!(
		study.participant(a.django),
		Some(Participant { enrolled_at: 2, grant, follow_up_paid: false, active: true })
	);
	assert_eq!(last_event(), Enrolled { patient: a.django, reward: REWARD }.encode());
}

#[ink::test]
fn enrolling_without_consent_is_refused() {
	let mut study = study();
	let a = accounts();
	MockChain::add_patient(a.django);
	set_caller(a.django);
	assert_eq!(study.enroll(None), Err(StudyError::NoConsent(Denial::NoGrant)));
	assert_eq!(balance_of(a.django), 0);
	assert_eq!(study.budget_left(), BUDGET);
	assert_eq!(study.participant(a.django), None);
	assert_eq!(study.participants(), 0);
}

#[ink::test]
fn consent_to_the_researcher_is_not_consent_to_the_study() {
	let mut study = study();
	let a = accounts();
	MockChain::add_patient(a.django);
	MockChain::grant(a.alice, a.django, categories(), Purpose::Research);
	set_caller(a.django);
	assert_eq!(study.enroll(None), Err(StudyError::NoConsent(Denial::NoGrant)));
	assert_eq!(balance_of(a.django), 0);
}

#[ink::test]
fn a_clinics_research_grant_is_no_consent_to_the_study_it_makes_its_staff() {
	let mut study = study();
	let a = accounts();
	MockChain::add_patient(a.django);
	MockChain::add_provider(a.bob);
	// Bob's clinic makes the study its practitioner, and holds Django's research grant:
	// the chain allows the study through Bob, but Django never consented to the study.
	MockChain::employ(study_account(), a.bob);
	MockChain::grant(a.bob, a.django, categories(), Purpose::Research);
	set_caller(a.django);
	assert_eq!(study.enroll(None), Err(StudyError::NoConsent(Denial::NoGrant)));
	assert_eq!(balance_of(a.django), 0);
}

#[ink::test]
fn consent_for_another_purpose_is_refused() {
	let mut study = study();
	let a = accounts();
	MockChain::add_patient(a.django);
	MockChain::grant(study_account(), a.django, categories(), Purpose::Treatment);
	set_caller(a.django);
	assert_eq!(study.enroll(None), Err(StudyError::NoConsent(Denial::WrongPurpose)));
	assert_eq!(balance_of(a.django), 0);
}

#[ink::test]
fn consent_missing_a_category_is_refused() {
	let mut study = study();
	let a = accounts();
	MockChain::add_patient(a.django);
	let labs_only = CategorySet::of(&[RecordCategory::LabResults]);
	MockChain::grant(study_account(), a.django, labs_only, Purpose::Research);
	set_caller(a.django);
	assert_eq!(study.enroll(None), Err(StudyError::NoConsent(Denial::NoGrant)));
}

#[ink::test]
fn an_unregistered_patient_is_refused() {
	let mut study = study();
	let a = accounts();
	set_caller(a.django);
	assert_eq!(study.enroll(None), Err(StudyError::NotAPatient));
	assert_eq!(balance_of(a.django), 0);
}

#[ink::test]
fn a_patient_enrolls_once() {
	let mut study = study();
	let a = accounts();
	enrolled(&mut study, a.django);
	assert_eq!(study.enroll(None), Err(StudyError::AlreadyEnrolled));
	assert_eq!(balance_of(a.django), REWARD);
	assert_eq!(study.participants(), 1);
}

#[ink::test]
fn a_withdrawn_participant_cannot_re_enroll() {
	let mut study = study();
	let a = accounts();
	enrolled(&mut study, a.django);
	MockChain::revoke(study_account(), a.django);
	assert!(!study.check(a.django));
	MockChain::grant(study_account(), a.django, categories(), Purpose::Research);
	set_caller(a.django);
	assert_eq!(study.enroll(None), Err(StudyError::AlreadyEnrolled));
	assert_eq!(balance_of(a.django), REWARD);
}

#[ink::test]
fn enrolment_stops_at_the_cap() {
	let mut study = open_study(BUDGET, 1, CategorySet::empty());
	let a = accounts();
	enrolled(&mut study, a.django);
	consenting(a.eve);
	set_caller(a.eve);
	assert_eq!(study.enroll(None), Err(StudyError::Full));
	assert_eq!(balance_of(a.eve), 0);
	assert_eq!(study.participants(), 1);
}

#[ink::test]
fn enrolment_stops_at_the_deadline() {
	let mut study = study();
	let a = accounts();
	consenting(a.django);
	advance_to(DEADLINE - 1);
	consenting(a.eve);
	set_caller(a.eve);
	assert_eq!(study.enroll(None), Ok(()));
	advance_to(DEADLINE);
	set_caller(a.django);
	assert_eq!(study.enroll(None), Err(StudyError::PastDeadline));
	assert_eq!(balance_of(a.django), 0);
}

#[ink::test]
fn enrolment_stops_when_the_budget_runs_out() {
	let mut study = open_study(REWARD + 1_000_000, CAP, CategorySet::empty());
	let a = accounts();
	enrolled(&mut study, a.django);
	consenting(a.eve);
	set_caller(a.eve);
	assert_eq!(study.enroll(None), Err(StudyError::BudgetExhausted));
	assert_eq!(balance_of(a.eve), 0);
	assert_eq!(study.budget_left(), 1_000_000);
	assert_eq!(study.participant(a.eve), None);
}

#[ink::test]
fn eligibility_needs_an_own_record_of_an_eligible_class_from_an_active_provider() {
	let mut study = open_study(BUDGET, CAP, CategorySet::of(&[RecordCategory::Conditions]));
	let a = accounts();
	consenting(a.django);
	MockChain::add_patient(a.eve);
	MockChain::add_provider(a.bob);
	MockChain::add_provider(a.charlie);
	let none = LabelSet::empty();
	let of_eve = MockChain::add_record(a.eve, a.bob, RecordCategory::Conditions, none);
	let imaging = MockChain::add_record(a.django, a.bob, RecordCategory::Imaging, none);
	let from_suspended =
		MockChain::add_record(a.django, a.charlie, RecordCategory::Conditions, none);
	let good = MockChain::add_record(a.django, a.bob, RecordCategory::Conditions, none);
	MockChain::suspend_provider(a.charlie);
	set_caller(a.django);
	let unknown = RecordId(99);
	for evidence in [None, Some(unknown), Some(of_eve), Some(imaging), Some(from_suspended)] {
		assert_eq!(study.enroll(evidence), Err(StudyError::NotEligible), "evidence {evidence:?}");
	}
	assert_eq!(balance_of(a.django), 0);
	assert_eq!(study.enroll(Some(good)), Ok(()));
	assert_eq!(balance_of(a.django), REWARD);
}

#[ink::test]
fn revocation_ends_the_participation_at_the_next_check() {
	let mut study = study();
	let a = accounts();
	enrolled(&mut study, a.django);
	set_caller(a.frank);
	assert!(study.check(a.django));
	MockChain::revoke(study_account(), a.django);
	assert!(!study.check(a.django));
	assert_eq!(study.participant(a.django).map(|p| p.active), Some(false));
	assert_eq!(
		last_event(),
		ParticipationEnded { patient: a.django, reason: Denial::Revoked }.encode()
	);
	let events = event_count();
	assert!(!study.check(a.django));
	assert_eq!(event_count(), events);
	set_caller(a.alice);
	assert_eq!(study.follow_up(a.django), Err(StudyError::NotActive));
	assert_eq!(balance_of(a.django), REWARD);
}

#[ink::test]
fn check_is_false_for_non_participants() {
	let mut study = study();
	let a = accounts();
	consenting(a.eve);
	assert!(!study.check(a.eve));
	assert_eq!(study.participant(a.eve), None);
}

#[ink::test]
fn follow_up_after_revocation_ends_without_paying() {
	let mut study = study();
	let a = accounts();
	enrolled(&mut study, a.django);
	MockChain::revoke(study_account(), a.django);
	set_caller(a.alice);
	assert_eq!(study.follow_up(a.django), Ok(FollowUp::Ended(Denial::Revoked)));
	assert_eq!(balance_of(a.django), REWARD);
	assert_eq!(study.budget_left(), BUDGET - REWARD);
	let participant = study.participant(a.django);
	assert_eq!(participant.map(|p| (p.active, p.follow_up_paid)), Some((false, false)));
	assert_eq!(
		last_event(),
		ParticipationEnded { patient: a.django, reason: Denial::Revoked }.encode()
	);
}

#[ink::test]
fn follow_up_pays_once() {
	let mut study = study();
	let a = accounts();
	enrolled(&mut study, a.django);
	set_caller(a.alice);
	assert_eq!(study.follow_up(a.django), Ok(FollowUp::Paid(FOLLOW_UP)));
	assert_eq!(balance_of(a.django), REWARD + FOLLOW_UP);
	assert_eq!(study.budget_left(), BUDGET - REWARD - FOLLOW_UP);
	assert_eq!(last_event(), FollowUpPaid { patient: a.django, amount: FOLLOW_UP }.encode());
	assert_eq!(study.follow_up(a.django), Err(StudyError::AlreadyPaid));
	assert_eq!(balance_of(a.django), REWARD + FOLLOW_UP);
}

#[ink::test]
fn follow_up_needs_a_participant_before_the_deadline() {
	let mut study = study();
	let a = accounts();
	enrolled(&mut study, a.django);
	set_caller(a.alice);
	assert_eq!(study.follow_up(a.eve), Err(StudyError::NotParticipant));
	advance_to(DEADLINE);
	assert_eq!(study.follow_up(a.django), Err(StudyError::PastDeadline));
	assert_eq!(balance_of(a.django), REWARD);
}

#[ink::test]
fn only_the_researcher_follows_up_and_closes() {
	let mut study = study();
	let a = accounts();
	enrolled(&mut study, a.django);
	set_caller(a.bob);
	assert_eq!(study.follow_up(a.django), Err(StudyError::NotResearcher));
	advance_to(DEADLINE);
	assert_eq!(study.close(), Err(StudyError::NotResearcher));
	assert_eq!(balance_of(a.django), REWARD);
	assert_eq!(study.budget_left(), BUDGET - REWARD);
}

#[ink::test]
fn closing_returns_the_rest_from_the_deadline_on() {
	let mut study = study();
	let a = accounts();
	enrolled(&mut study, a.django);
	set_caller(a.alice);
	assert_eq!(study.close(), Err(StudyError::DeadlineNotReached));
	assert_eq!(study.budget_left(), BUDGET - REWARD);
	advance_to(DEADLINE);
	let before = balance_of(a.alice);
	assert_eq!(study.close(), Ok(BUDGET - REWARD));
	assert_eq!(balance_of(a.alice), before + BUDGET - REWARD);
	assert_eq!(study.budget_left(), 0);
	assert_eq!(last_event(), Closed { returned: BUDGET - REWARD }.encode());
	assert_eq!(study.close(), Err(StudyError::Closed));
	consenting(a.eve);
	set_caller(a.eve);
	assert_eq!(study.enroll(None), Err(StudyError::Closed));
}
