CREATE TABLE "authors" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"bio" text NOT NULL,
	"source_hash" text NOT NULL,
	"saved_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "content_problems" (
	"source_path" text PRIMARY KEY NOT NULL,
	"problems" jsonb NOT NULL,
	"seen_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sections" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"position" integer NOT NULL,
	"source_hash" text NOT NULL,
	"saved_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stories" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"section_id" text NOT NULL,
	"status" text NOT NULL,
	"title" text NOT NULL,
	"dek" text NOT NULL,
	"summary" text NOT NULL,
	"author_ids" text[] NOT NULL,
	"tag_ids" text[] NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone,
	"image" jsonb,
	"public_html" text NOT NULL,
	"public_text" text NOT NULL,
	"public_words" integer NOT NULL,
	"has_key_insights" boolean NOT NULL,
	"has_executive_actions" boolean NOT NULL,
	"source" text NOT NULL,
	"source_hash" text NOT NULL,
	"source_path" text,
	"saved_at" timestamp with time zone NOT NULL,
	"search_document" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', dek), 'B') || setweight(to_tsvector('english', summary), 'B') || setweight(to_tsvector('english', public_text), 'C')) STORED,
	CONSTRAINT "stories_slug_unique" UNIQUE("slug"),
	CONSTRAINT "stories_source_path_unique" UNIQUE("source_path"),
	CONSTRAINT "stories_status_known" CHECK ("stories"."status" in ('draft', 'scheduled', 'published', 'unpublished'))
);
--> statement-breakpoint
CREATE TABLE "story_authors" (
	"story_id" bigint NOT NULL,
	"author_id" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "story_authors_story_id_author_id_pk" PRIMARY KEY("story_id","author_id")
);
--> statement-breakpoint
CREATE TABLE "story_locked_parts" (
	"story_id" bigint NOT NULL,
	"part" text NOT NULL,
	"html" text NOT NULL,
	CONSTRAINT "story_locked_parts_story_id_part_pk" PRIMARY KEY("story_id","part"),
	CONSTRAINT "story_locked_parts_known" CHECK ("story_locked_parts"."part" in ('key-insights', 'executive-actions'))
);
--> statement-breakpoint
CREATE TABLE "story_revisions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"story_id" bigint NOT NULL,
	"source" text NOT NULL,
	"source_hash" text NOT NULL,
	"saved_by" text NOT NULL,
	"saved_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "story_tags" (
	"story_id" bigint NOT NULL,
	"tag_id" text NOT NULL,
	CONSTRAINT "story_tags_story_id_tag_id_pk" PRIMARY KEY("story_id","tag_id")
);
--> statement-breakpoint
CREATE TABLE "tags" (
	"id" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
ALTER TABLE "stories" ADD CONSTRAINT "stories_section_id_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."sections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_authors" ADD CONSTRAINT "story_authors_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_authors" ADD CONSTRAINT "story_authors_author_id_authors_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."authors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_locked_parts" ADD CONSTRAINT "story_locked_parts_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_revisions" ADD CONSTRAINT "story_revisions_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_tags" ADD CONSTRAINT "story_tags_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_tags" ADD CONSTRAINT "story_tags_tag_id_tags_id_fk" FOREIGN KEY ("tag_id") REFERENCES "public"."tags"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stories_public_recent" ON "stories" USING btree ("published_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "stories"."status" in ('scheduled', 'published');--> statement-breakpoint
CREATE INDEX "stories_section_recent" ON "stories" USING btree ("section_id","published_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "stories"."status" in ('scheduled', 'published');--> statement-breakpoint
CREATE INDEX "stories_search" ON "stories" USING gin ("search_document");--> statement-breakpoint
CREATE INDEX "story_authors_author" ON "story_authors" USING btree ("author_id","story_id");--> statement-breakpoint
CREATE INDEX "story_revisions_story" ON "story_revisions" USING btree ("story_id","saved_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "story_tags_tag" ON "story_tags" USING btree ("tag_id","story_id");