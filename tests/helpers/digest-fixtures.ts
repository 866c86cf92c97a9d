import { db } from "@/lib/db/client";
// Data for digest tests and the benchmark, inserted directly (subscriptions and
// topics are built by other features; the digest only reads these tables).

export async function addTopics(slugs: string[]): Promise<Map<string, number>> {
  for (const slug of slugs) {
    await db().topic.upsert({ where: { slug }, create: { slug, name: slug.toUpperCase() }, update: {} });
  }
  const rows = await db().topic.findMany({ where: { slug: { in: slugs } } });
  return new Map(rows.map((t) => [t.slug, t.id]));
}

let seq = 0;

export async function addPaper(p: {
  title: string;
  summary?: string;
  featuredOn: string;
  upvotes?: number;
  topicIds?: number[];
  repoUrl?: string;
  projectUrl?: string;
  arxivId?: string;
  authors?: string[];
}): Promise<number> {
  seq++;
  const paper = await db().paper.create({
    data: {
      title: p.title,
      titleKey: `${p.title.toLowerCase()}-${seq}-${Math.random()}`,
      summary: p.summary ?? `Abstract of ${p.title}.`,
      featuredOn: new Date(`${p.featuredOn}T00:00:00Z`),
      source: "seed",
      upvotes: p.upvotes ?? 0,
      repoUrl: p.repoUrl ?? null,
      projectUrl: p.projectUrl ?? null,
      arxivId: p.arxivId ?? null,
      authors: p.authors ?? [],
    },
  });
  if (p.topicIds?.length)
    await db().paperTopic.createMany({ data: p.topicIds.map((topicId) => ({ paperId: paper.id, topicId })) });
  return paper.id;
}

export async function addSubscriber(s: {
  email: string;
  status?: "pending" | "active" | "paused" | "unsubscribed" | "suppressed";
  frequency?: "daily" | "weekly";
  topicIds?: number[];
  keywords?: string[];
  allTopics?: boolean;
}): Promise<number> {
  const sub = await db().subscriber.create({
    data: {
      email: s.email,
      status: s.status ?? "active",
      frequency: s.frequency ?? "daily",
      keywords: s.keywords ?? [],
      allTopics: s.allTopics ?? false,
      linkSecret: `secret-${s.email}`,
    },
  });
  if (s.topicIds?.length)
    await db().subscriberTopic.createMany({ data: s.topicIds.map((topicId) => ({ subscriberId: sub.id, topicId })) });
  return sub.id;
}

/**
 * Many active subscribers at once (SQL generate_series): `count` people, each
 * following 1-3 topics picked pseudo-randomly from `topicIds`.
 */
export async function addManySubscribers(
  count: number,
  topicIds: number[],
  frequency: "daily" | "weekly" = "daily",
): Promise<void> {
  const start = await db().subscriber.count();
  await db().$executeRawUnsafe(
    `INSERT INTO subscribers (email, status, frequency, link_secret, updated_at)
     SELECT 'reader' || g || '@example.com', 'active', $2::digest_frequency, md5(g::text), now()
       FROM generate_series($3::int + 1, $3::int + $1::int) AS g`,
    count,
    frequency,
    start,
  );
  // Topic i of person g is chosen by hashing (g, i): reproducible "random" sets of 1-3 topics.
  await db().$executeRawUnsafe(
    `INSERT INTO subscriber_topics (subscriber_id, topic_id)
     SELECT DISTINCT s.id, ($1::int[])[1 + abs(hashtext(s.id::text || ':' || i)) % cardinality($1::int[])]
       FROM subscribers s CROSS JOIN generate_series(1, 3) AS i
      WHERE s.id > $2 AND i <= 1 + abs(hashtext(s.id::text)) % 3
     ON CONFLICT DO NOTHING`,
    topicIds,
    start,
  );
}

/** Papers spread over days and topics (SQL), for volume tests and the benchmark. */
export async function addManyPapers(count: number, topicIds: number[], days: string[]): Promise<void> {
  await db().$executeRawUnsafe(
    `INSERT INTO papers (title, title_key, summary, featured_on, source, upvotes, repo_url, updated_at)
     SELECT 'Paper ' || g || ' on efficient models', 'bulk-paper-' || g || '-' || $3::text,
            'We study problem ' || g || ' and propose a method that improves results on several benchmarks while using less compute.',
            ($2::text[])[1 + g % cardinality($2::text[])]::date, 'seed', (g * 7919) % 300,
            'https://github.com/example/repo' || g, now()
       FROM generate_series(1, $1::int) AS g`,
    count,
    days,
    String(Date.now()),
  );
  await db().$executeRawUnsafe(
    `INSERT INTO paper_topics (paper_id, topic_id)
     SELECT p.id, ($1::int[])[1 + abs(hashtext(p.id::text || ':' || i)) % cardinality($1::int[])]
       FROM papers p CROSS JOIN generate_series(1, 2) AS i
      WHERE p.title_key LIKE 'bulk-paper-%'
     ON CONFLICT DO NOTHING`,
    topicIds,
  );
}
