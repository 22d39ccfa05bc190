// A balanced search tree of intervals [lo, hi] keyed by (lo, seq), each node
// knowing the largest `hi` beneath it, so an overlap query visits only
// subtrees that can hold a match: O(log n + k) expected, updates O(log n).

interface Node<T> {
  lo: number;
  hi: number;
  seq: number;
  value: T;
  priority: number;
  maxHi: number;
  left: Node<T> | null;
  right: Node<T> | null;
}

const before = (lo: number, seq: number, n: Node<unknown>) =>
  lo < n.lo || (lo === n.lo && seq < n.seq);

function refresh<T>(n: Node<T>): Node<T> {
  let m = n.hi;
  if (n.left && n.left.maxHi > m) m = n.left.maxHi;
  if (n.right && n.right.maxHi > m) m = n.right.maxHi;
  n.maxHi = m;
  return n;
}

function rotateRight<T>(n: Node<T>): Node<T> {
  const l = n.left!;
  n.left = l.right;
  l.right = refresh(n);
  return refresh(l);
}

function rotateLeft<T>(n: Node<T>): Node<T> {
  const r = n.right!;
  n.right = r.left;
  r.left = refresh(n);
  return refresh(r);
}

function insert<T>(n: Node<T> | null, x: Node<T>): Node<T> {
  if (!n) return x;
  if (before(x.lo, x.seq, n)) {
    n.left = insert(n.left, x);
    if (n.left.priority > n.priority) return rotateRight(n);
  } else {
    n.right = insert(n.right, x);
    if (n.right.priority > n.priority) return rotateLeft(n);
  }
  return refresh(n);
}

function merge<T>(a: Node<T> | null, b: Node<T> | null): Node<T> | null {
  if (!a) return b;
  if (!b) return a;
  if (a.priority > b.priority) {
    a.right = merge(a.right, b);
    return refresh(a);
  }
  b.left = merge(a, b.left);
  return refresh(b);
}

function remove<T>(n: Node<T> | null, lo: number, seq: number): Node<T> | null {
  if (!n) return null;
  if (n.lo === lo && n.seq === seq) return merge(n.left, n.right);
  if (before(lo, seq, n)) n.left = remove(n.left, lo, seq);
  else n.right = remove(n.right, lo, seq);
  return refresh(n);
}

/** Intervals with a payload; finds every interval overlapping a query range. */
export class IntervalTreap<T> {
  private root: Node<T> | null = null;
  private count = 0;

  /** How many intervals the tree holds. */
  get size(): number {
    return this.count;
  }

  /** Adds [lo, hi] carrying `value`; `seq` must be unique in this tree (it breaks ties of lo). */
  insert(lo: number, hi: number, seq: number, value: T): void {
    const node: Node<T> = {
      lo,
      hi,
      seq,
      value,
      priority: Math.random(),
      maxHi: hi,
      left: null,
      right: null,
    };
    this.root = insert(this.root, node);
    this.count++;
  }

  /** Removes the interval inserted with (lo, seq); it must be in the tree. */
  remove(lo: number, seq: number): void {
    this.root = remove(this.root, lo, seq);
    this.count--;
  }

  /** Calls `visit` with the value of every interval [lo, hi] where lo <= to and hi >= from. */
  overlapping(from: number, to: number, visit: (value: T) => void): void {
    const stack: Node<T>[] = [];
    if (this.root) stack.push(this.root);
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (n.maxHi < from) continue;
      if (n.left) stack.push(n.left);
      if (n.lo <= to) {
        if (n.hi >= from) visit(n.value);
        if (n.right) stack.push(n.right);
      }
    }
  }
}
