import { didYouMean } from "../problems/did-you-mean.ts";

/**
 * Apple Podcasts' categories and their subcategories, exactly as Apple spells them.
 * https://podcasters.apple.com/support/1691-apple-podcasts-categories
 */
export const APPLE_CATEGORIES: Readonly<Record<string, readonly string[]>> = {
  Arts: ["Books", "Design", "Fashion & Beauty", "Food", "Performing Arts", "Visual Arts"],
  Business: ["Careers", "Entrepreneurship", "Investing", "Management", "Marketing", "Non-Profit"],
  Comedy: ["Comedy Interviews", "Improv", "Stand-Up"],
  Education: ["Courses", "How To", "Language Learning", "Self-Improvement"],
  Fiction: ["Comedy Fiction", "Drama", "Science Fiction"],
  Government: [],
  History: [],
  "Health & Fitness": ["Alternative Health", "Fitness", "Medicine", "Mental Health", "Nutrition", "Sexuality"],
  "Kids & Family": ["Education for Kids", "Parenting", "Pets & Animals", "Stories for Kids"],
  Leisure: ["Animation & Manga", "Automotive", "Aviation", "Crafts", "Games", "Hobbies", "Home & Garden", "Video Games"],
  Music: ["Music Commentary", "Music History", "Music Interviews"],
  News: ["Business News", "Daily News", "Entertainment News", "News Commentary", "Politics", "Sports News", "Tech News"],
  "Religion & Spirituality": ["Buddhism", "Christianity", "Hinduism", "Islam", "Judaism", "Religion", "Spirituality"],
  Science: ["Astronomy", "Chemistry", "Earth Sciences", "Life Sciences", "Mathematics", "Natural Sciences", "Nature", "Physics", "Social Sciences"],
  "Society & Culture": ["Documentary", "Personal Journals", "Philosophy", "Places & Travel", "Relationships"],
  Sports: ["Baseball", "Basketball", "Cricket", "Fantasy Sports", "Football", "Golf", "Hockey", "Rugby", "Running", "Soccer", "Swimming", "Tennis", "Volleyball", "Wilderness", "Wrestling"],
  Technology: [],
  "True Crime": [],
  "TV & Film": ["After Shows", "Film History", "Film Interviews", "Film Reviews", "TV Reviews"],
};

export interface CategoryIssue {
  field: "category" | "subcategory";
  message: string;
}

/**
 * What is wrong with a category and subcategory, measured against Apple's list; [] when
 * nothing. Each message follows the key's name and value: `podcast.category "Newz" is not ...`.
 */
export function appleCategoryIssues(category: string, subcategory: string | undefined): CategoryIssue[] {
  const categories = Object.keys(APPLE_CATEGORIES);
  const subcategories = APPLE_CATEGORIES[category];
  if (!subcategories) {
    return [{ field: "category", message: `is not one of Apple's categories${didYouMean(category, categories)}; they are: ${categories.join(", ")}` }];
  }
  if (subcategory === undefined || subcategories.includes(subcategory)) return [];
  const owner = categories.find((name) => APPLE_CATEGORIES[name]!.includes(subcategory));
  const where = owner ? ` (it belongs to "${owner}")` : didYouMean(subcategory, subcategories);
  const choices = subcategories.length > 0 ? `its subcategories are: ${subcategories.join(", ")}` : "it has no subcategories";
  return [{ field: "subcategory", message: `is not a subcategory of "${category}"${where}; ${choices}` }];
}
