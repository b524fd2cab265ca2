import { describe, expect, it } from "vitest";
import { planClaim, type ClaimCandidate } from "./claim-plan";

const t = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, seconds));
let counter = 0;
function job(partial: Partial<ClaimCandidate>): ClaimCandidate {
  counter += 1;
  return { id: `job-${counter}`, tier: "nonprod", namespace: "default", priorityClass: "B", runAfter: t(0), createdAt: t(counter), ...partial };
}
const noLimits = { maxRunning: { prod: 0, nonprod: 0 }, maxRunningPerNamespace: 0 };
const idle = { byTier: {}, byNamespace: {} };

describe("planClaim", () => {
  it("orders by class, then run-after, then age", () => {
    const c = job({ priorityClass: "C" });
    const bLate = job({ priorityClass: "B", runAfter: t(5) });
    const bEarlyNew = job({ priorityClass: "B", runAfter: t(1), createdAt: t(50) });
    const bEarlyOld = job({ priorityClass: "B", runAfter: t(1), createdAt: t(40) });
    const a = job({ priorityClass: "A", runAfter: t(9) });
    expect(planClaim([c, bLate, bEarlyNew, bEarlyOld, a], idle, noLimits, 10).map((j) => j.id)).toEqual([a.id, bEarlyOld.id, bEarlyNew.id, bLate.id, c.id]);
  });

  it("takes no more than the worker's free capacity", () => {
    expect(planClaim([job({}), job({}), job({})], idle, noLimits, 2)).toHaveLength(2);
    expect(planClaim([job({})], idle, noLimits, 0)).toHaveLength(0);
  });

  it("keeps prod within its limit, counting jobs already running", () => {
    const limits = { maxRunning: { prod: 2, nonprod: 0 }, maxRunningPerNamespace: 0 };
    const prod = [job({ tier: "prod" }), job({ tier: "prod" }), job({ tier: "prod" })];
    expect(planClaim(prod, idle, limits, 10)).toHaveLength(2);
    expect(planClaim(prod, { byTier: { prod: 1 }, byNamespace: {} }, limits, 10)).toHaveLength(1);
    expect(planClaim(prod, { byTier: { prod: 2 }, byNamespace: {} }, limits, 10)).toHaveLength(0);
  });

  it("lets other tiers through while prod is full", () => {
    const limits = { maxRunning: { prod: 1, nonprod: 0 }, maxRunningPerNamespace: 0 };
    const plan = planClaim([job({ tier: "prod", priorityClass: "A" }), job({ tier: "prod", priorityClass: "A" }), job({ tier: "nonprod", priorityClass: "C" })], idle, limits, 10);
    expect(plan.map((j) => j.tier)).toEqual(["prod", "nonprod"]);
  });

  it("limits each namespace without blocking jobs of other namespaces behind it", () => {
    const limits = { maxRunning: { prod: 2, nonprod: 0 }, maxRunningPerNamespace: 1 };
    const a1 = job({ tier: "prod", namespace: "payments" });
    const a2 = job({ tier: "prod", namespace: "payments" });
    const b1 = job({ tier: "prod", namespace: "search" });
    expect(planClaim([a1, a2, b1], idle, limits, 10).map((j) => j.id)).toEqual([a1.id, b1.id]);
    expect(planClaim([a2, b1], { byTier: { prod: 1 }, byNamespace: { payments: 1 } }, limits, 10).map((j) => j.id)).toEqual([b1.id]);
  });
});
