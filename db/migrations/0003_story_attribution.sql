ALTER TABLE "users" ADD COLUMN "signup_story_slug" text;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "source_story_slug" text;--> statement-breakpoint
CREATE INDEX "users_signup_story_created" ON "users" USING btree ("created_at","signup_story_slug") WHERE "users"."signup_story_slug" is not null;--> statement-breakpoint
CREATE INDEX "unlocks_created_story" ON "unlocks" USING btree ("created_at","article_slug");--> statement-breakpoint
CREATE INDEX "subscriptions_source_story_created" ON "subscriptions" USING btree ("created_at","source_story_slug") WHERE "subscriptions"."source_story_slug" is not null;