// The provider council's rule for motions that act as root: at least two thirds of the
// members (`medledger_primitives::council`), as the Rust client applies it.

/** The ayes a motion needs in a council of `members`: at least two thirds of them. */
export const threshold = (members: number): number => Math.ceil((members * 2) / 3)

/** Why closing a motion now would throw it away, if it would: it has the ayes its proposer
 * asked for, but the council has grown since and its call needs two thirds of the council as it
 * is now; closed, it would be carried and fail. (`premature_close` in the Rust client.) */
export function prematureClose(ayes: number, asked: number, members: number): string | undefined {
  const needed = threshold(members)
  return ayes >= asked && ayes < needed
    ? `The council has ${members} members now: the motion needs ${needed} votes for it to carry and has ${ayes}; closed now, it would be carried and fail. Ask more members to vote.`
    : undefined
}
