"""Tests for graph.brokerage: Gould-Fernandez roles, constraint, effective size, betweenness."""

from __future__ import annotations

import math
import random

import networkx as nx
import pytest

from graph.brokerage import (
    ROLES,
    betweenness,
    brokerage_roles,
    constraint,
    effective_size,
    two_step_reach,
)

GROUPS = {"a1": "A", "a2": "A", "a3": "A", "a4": "A", "b1": "B", "c1": "C"}


def _hand_graph() -> nx.Graph:
    # a4 - a1 - a2 - b1 - c1
    #                 |
    #                 a3
    return nx.Graph([("a1", "a2"), ("a2", "b1"), ("b1", "c1"), ("b1", "a3"), ("a1", "a4")])


def test_roles_on_hand_checked_graph():
    r = brokerage_roles(_hand_graph(), GROUPS)
    # a1 brokers a2 <-> a4, all in A: coordinator both ways
    assert r["a1"] == {"coordinator": 2, "itinerant": 0, "gatekeeper": 0, "representative": 0, "liaison": 0, "total": 2}
    # a2: a1 -> a2 -> b1 represents A to B; b1 -> a2 -> a1 gatekeeps A
    assert (r["a2"]["representative"], r["a2"]["gatekeeper"], r["a2"]["total"]) == (1, 1, 2)
    # b1 (B) between a2, a3 (A) and c1 (C): a2<->a3 itinerant, A<->C liaison
    assert (r["b1"]["itinerant"], r["b1"]["liaison"], r["b1"]["total"]) == (2, 4, 6)
    for leaf in ("a3", "a4", "c1"):
        assert r[leaf]["total"] == 0


def test_closed_triads_are_not_brokerage():
    G = _hand_graph()
    G.add_edge("a3", "c1")  # closes a3 - b1 - c1
    r = brokerage_roles(G, GROUPS)
    assert (r["b1"]["itinerant"], r["b1"]["liaison"]) == (2, 2)
    # c1 now brokers b1 <-> a3?  no: b1 - a3 is tied, so nothing
    assert r["c1"]["total"] == 0


def test_directed_paths_only_count_along_arcs():
    D = nx.DiGraph([("x", "y"), ("y", "z")])
    r = brokerage_roles(D, {"x": "P", "y": "Q", "z": "Q"})
    assert r["y"]["gatekeeper"] == 1 and r["y"]["total"] == 1
    r = brokerage_roles(D, {"x": "P", "y": "P", "z": "Q"})
    assert r["y"]["representative"] == 1 and r["y"]["total"] == 1
    # mutual arcs x <-> y do not make x -> y -> x a brokerage
    M = nx.DiGraph([("x", "y"), ("y", "x")])
    assert brokerage_roles(M, {"x": 1, "y": 1})["y"]["total"] == 0


def _brute(G, part):
    D = G.to_directed() if not G.is_directed() else G
    out = {n: dict.fromkeys(ROLES, 0) for n in D}
    for b in D:
        for a in D.predecessors(b):
            for c in D.successors(b):
                if a == c or D.has_edge(a, c):
                    continue
                ga, gb, gc = part[a], part[b], part[c]
                if ga == gb == gc:
                    role = "coordinator"
                elif ga == gc:
                    role = "itinerant"
                elif gb == gc:
                    role = "gatekeeper"
                elif ga == gb:
                    role = "representative"
                else:
                    role = "liaison"
                out[b][role] += 1
    for n in out:
        out[n]["total"] = sum(out[n].values())
    return out


@pytest.mark.parametrize("directed", [False, True])
def test_matches_brute_force(directed):
    G = nx.gnm_random_graph(40, 120, seed=7, directed=directed)
    rng = random.Random(1)
    part = {n: rng.choice("ABCD") for n in G}
    assert brokerage_roles(G, part) == _brute(G, part)


def test_partition_from_attribute_and_missing_group():
    G = _hand_graph()
    nx.set_node_attributes(G, GROUPS, "region")
    assert brokerage_roles(G, "region") == brokerage_roles(G, GROUPS)
    with pytest.raises(ValueError, match="no group"):
        brokerage_roles(G, {"a1": "A"})
    assert brokerage_roles(nx.Graph(), {}) == {}


def test_constraint_and_effective_size_match_networkx():
    G = nx.gnm_random_graph(50, 150, seed=2)
    G.add_node("alone")
    c, cn = constraint(G), nx.constraint(G)
    e, en = effective_size(G), nx.effective_size(G)
    for n in G:
        if n == "alone":
            assert math.isnan(c[n]) and math.isnan(e[n])
            continue
        assert c[n] == pytest.approx(cn[n])
        assert e[n] == pytest.approx(en[n])
    W = nx.Graph()
    W.add_weighted_edges_from([(0, 1, 3), (1, 2, 1), (0, 2, 1), (2, 3, 2)])
    cw, cwn = constraint(W, weight="weight"), nx.constraint(W, weight="weight")
    assert all(cw[n] == pytest.approx(cwn[n]) for n in W)


def test_constraint_hand_checked():
    # star centre with 3 leaves: 3 * (1/3)^2 = 1/3; a leaf: 1
    c = constraint(nx.star_graph(3))
    assert c[0] == pytest.approx(1 / 3) and c[1] == pytest.approx(1.0)


def test_betweenness_exact_and_sampled():
    G = nx.gnm_random_graph(200, 600, seed=5)
    exact = nx.betweenness_centrality(G)
    b = betweenness(G)
    assert all(b[n] == pytest.approx(exact[n], abs=1e-9) for n in G)
    sampled = betweenness(G, k=150, seed=3)
    top_exact = sorted(G, key=exact.get)[-5:]
    top_sampled = sorted(G, key=sampled.get)[-10:]
    assert len(set(top_exact) & set(top_sampled)) >= 3
    assert betweenness(nx.path_graph(2)) == {0: 0.0, 1: 0.0}


def test_two_step_reach():
    G = nx.star_graph(4)
    G.add_edge(4, 5)
    reach = two_step_reach(G)
    assert reach[0] == 5  # four leaves + 5 via leaf 4
    assert reach[1] == 4  # centre + three other leaves
    assert reach[5] == 2  # 4 and the centre
    assert all(len(nx.single_source_shortest_path_length(G, n, cutoff=2)) - 1 == reach[n] for n in G)


def test_empty_graphs():
    for fn in (constraint, effective_size, two_step_reach, betweenness):
        assert fn(nx.Graph()) == {}


@pytest.mark.parametrize("directed", [False, True])
def test_subset_of_nodes_matches_whole_graph(directed):
    G = nx.gnm_random_graph(60, 240, seed=11, directed=directed)
    rng = random.Random(4)
    part = {n: rng.choice("XYZ") for n in G}
    whole = brokerage_roles(G, part)
    some = [0, 5, 17, 42]
    assert brokerage_roles(G, part, nodes=some) == {n: whole[n] for n in some}
    c = constraint(G)
    assert constraint(G, nodes=some) == pytest.approx({n: c[n] for n in some}, nan_ok=True)
    if not directed:
        e = effective_size(G)
        assert effective_size(G, nodes=some) == pytest.approx({n: e[n] for n in some}, nan_ok=True)
    with pytest.raises(nx.NodeNotFound):
        brokerage_roles(G, part, nodes=["nope"])
