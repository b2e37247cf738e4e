//! Import loops in a graph of files: its strongly connected components of
//! more than one file, each shown as a few short cycles that together pass
//! through every import inside it.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// Files that import each other, directly or through others.
#[derive(Debug, PartialEq, Eq)]
pub struct Loop {
    /// The files in the loop, in ascending order.
    pub files: Vec<usize>,
    /// Cycles, each starting at its lowest file (without repeating it at
    /// the end), shortest first; every edge between the files lies on one.
    pub cycles: Vec<Vec<usize>>,
    /// The edges between the files.
    pub edges: Vec<(usize, usize)>,
}

/// The loops of the graph with `nodes` nodes and these edges.
pub fn find(nodes: usize, edges: &BTreeSet<(usize, usize)>) -> Vec<Loop> {
    let mut next = vec![Vec::new(); nodes];
    for &(a, b) in edges {
        if a != b {
            next[a].push(b);
        }
    }
    components(&next)
        .into_iter()
        .filter(|c| c.len() > 1)
        .map(|files| {
            let inside: BTreeSet<usize> = files.iter().copied().collect();
            let edges: Vec<(usize, usize)> = edges
                .iter()
                .copied()
                .filter(|(a, b)| a != b && inside.contains(a) && inside.contains(b))
                .collect();
            let mut cycles = BTreeSet::new();
            for &(a, b) in &edges {
                if cycles_cover(&cycles, a, b) {
                    continue;
                }
                if let Some(back) = shortest_path(&next, &inside, b, a) {
                    let mut cycle = vec![a];
                    cycle.extend(back.iter().take(back.len() - 1));
                    cycles.insert(rotated(cycle));
                }
            }
            let mut cycles: Vec<Vec<usize>> = cycles.into_iter().collect();
            cycles.sort_by_key(Vec::len);
            Loop {
                files,
                cycles,
                edges,
            }
        })
        .collect()
}

/// Whether one of `cycles` already goes from `a` straight to `b`.
fn cycles_cover(cycles: &BTreeSet<Vec<usize>>, a: usize, b: usize) -> bool {
    cycles
        .iter()
        .any(|c| (0..c.len()).any(|i| c[i] == a && c[(i + 1) % c.len()] == b))
}

/// The cycle started at its lowest node.
fn rotated(mut cycle: Vec<usize>) -> Vec<usize> {
    if let Some(at) = (0..cycle.len()).min_by_key(|&i| cycle[i]) {
        cycle.rotate_left(at);
    }
    cycle
}

/// The nodes of a shortest path `from` .. `to` (both included) inside `inside`.
fn shortest_path(
    next: &[Vec<usize>],
    inside: &BTreeSet<usize>,
    from: usize,
    to: usize,
) -> Option<Vec<usize>> {
    let mut came: BTreeMap<usize, usize> = BTreeMap::new();
    let mut queue = VecDeque::from([from]);
    came.insert(from, from);
    while let Some(n) = queue.pop_front() {
        if n == to {
            let mut path = vec![to];
            let mut at = to;
            while at != from {
                at = came[&at];
                path.push(at);
            }
            path.reverse();
            return Some(path);
        }
        for &m in &next[n] {
            if inside.contains(&m) && !came.contains_key(&m) {
                came.insert(m, n);
                queue.push_back(m);
            }
        }
    }
    None
}

/// Tarjan's strongly connected components, each sorted.
fn components(next: &[Vec<usize>]) -> Vec<Vec<usize>> {
    struct State<'a> {
        next: &'a [Vec<usize>],
        index: Vec<Option<usize>>,
        low: Vec<usize>,
        stack: Vec<usize>,
        on_stack: Vec<bool>,
        counter: usize,
        out: Vec<Vec<usize>>,
    }
    fn visit(s: &mut State<'_>, v: usize) {
        s.index[v] = Some(s.counter);
        s.low[v] = s.counter;
        s.counter += 1;
        s.stack.push(v);
        s.on_stack[v] = true;
        for &w in &s.next[v] {
            match s.index[w] {
                None => {
                    visit(s, w);
                    s.low[v] = s.low[v].min(s.low[w]);
                }
                Some(i) if s.on_stack[w] => s.low[v] = s.low[v].min(i),
                Some(_) => {}
            }
        }
        if Some(s.low[v]) == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack[w] = false;
                component.push(w);
                if w == v {
                    break;
                }
            }
            component.sort_unstable();
            s.out.push(component);
        }
    }
    let n = next.len();
    let mut s = State {
        next,
        index: vec![None; n],
        low: vec![0; n],
        stack: Vec::new(),
        on_stack: vec![false; n],
        counter: 0,
        out: Vec::new(),
    };
    for v in 0..n {
        if s.index[v].is_none() {
            visit(&mut s, v);
        }
    }
    s.out.sort();
    s.out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_triangle_and_a_pair_beside_a_chain() {
        let edges = BTreeSet::from([(0, 1), (1, 2), (2, 0), (3, 4), (4, 3), (5, 6), (2, 5)]);
        let loops = find(7, &edges);
        assert_eq!(loops.len(), 2);
        assert_eq!(loops[0].files, vec![0, 1, 2]);
        assert_eq!(loops[0].cycles, vec![vec![0, 1, 2]]);
        assert_eq!(loops[1].files, vec![3, 4]);
        assert_eq!(loops[1].cycles, vec![vec![3, 4]]);
    }

    #[test]
    fn every_edge_of_a_loop_lies_on_a_reported_cycle() {
        let edges = BTreeSet::from([(0, 1), (1, 0), (1, 2), (2, 1), (0, 2)]);
        let loops = find(3, &edges);
        assert_eq!(loops.len(), 1);
        for &(a, b) in &loops[0].edges {
            assert!(cycles_cover(
                &loops[0].cycles.iter().cloned().collect(),
                a,
                b
            ));
        }
        assert_eq!(loops[0].cycles[0], vec![0, 1]);
    }

    #[test]
    fn no_loop_in_a_tree_or_a_self_edge() {
        let edges = BTreeSet::from([(0, 1), (0, 2), (1, 2), (2, 2)]);
        assert!(find(3, &edges).is_empty());
    }
}
